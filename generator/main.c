/* main.c - dalgen entry point: dispatches to one cmd_<name>() per command. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/diag.h"
#include "version.h"

/* One line of usage per command and what `dalgen CMD --help` prints. */
static const struct command {
    const char *name;
    int (*run)(int, char **, dg_diags *);
    const char *help;
    bool sources;   /* takes schema sources */
} commands[] = {
    {"generate", cmd_generate,
     "usage: dalgen generate <schema source...> [--queries FILE|DIR ...] [--migrations DIR]\n"
     "                       --prefix NAME --out DIR [--templates DIR] [--no-singularize]\n"
     "                       [--timestamps] [--dump-view]\n"
     "Writes DIR/NAME.h and DIR/NAME.c: row structs, repositories, validators, the\n"
     "named queries' functions and (with --migrations) the embedded migrations.\n"
     "Unchanged files are left untouched; on any error nothing is written.\n"
     "  --dump-view   print the view model the templates render (JSON) instead of\n"
     "                writing files (docs/generate.md, \"Templates\")\n", true},
    {"schema", cmd_schema,
     "usage: dalgen schema <schema source...> [--json | --sql] [--no-locations] [--no-above-annotations]\n"
     "Prints the schema model: a summary, JSON (--json) or SQL that recreates it (--sql).\n", true},
    {"check", cmd_check,
     "usage: dalgen check (the inputs of generate)\n"
     "Exits 3 when the generated files in --out (or the migrations' dalgen.sum) are stale.\n", true},
    {"diff", cmd_diff,
     "usage: dalgen diff --from SRC... --to SRC... [--down] [--exit-code] [--allow-destructive]\n"
     "                   [--clang-arg ARG] [--api --prefix NAME [--queries F|DIR] [--templates DIR]]\n"
     "Prints the migration SQL from one schema to another (SRC: a schema source, a\n"
     "migrations folder, or `empty`); --api compares the generated C APIs instead.\n", true},
    {"migrate", cmd_migrate,
     "usage: dalgen migrate new NAME --dir DIR <schema source...> [--allow-destructive]\n"
     "       dalgen migrate hash --dir DIR\n"
     "       dalgen migrate apply|status|down --db DB --dir DIR [--to N | --steps K]\n"
     "                      [--baseline N] [--backup PATH]\n"
     "Writes, checksums and runs the migrations of a folder (docs/migrations.md).\n", true},
    {"erd", cmd_erd,
     "usage: dalgen erd <schema source...> [--format mermaid|dot]\n"
     "Prints an entity-relationship diagram of the schema.\n", true},
    {"api-diff", cmd_api_diff,
     "usage: dalgen api-diff OLD.h NEW.h\n"
     "Compares two generated headers' C APIs; exits 3 when something was removed or changed.\n", false},
};

static void print_help(FILE *out)
{
    fputs(
        "dalgen " DALGEN_VERSION_STRING " - typed data-access layers in C from SQLite schemas\n"
        "\n"
        "usage:\n"
        "  dalgen generate <schema source...> [--queries FILE|DIR ...] [--migrations DIR]\n"
        "                  --prefix NAME --out DIR [--templates DIR] [--no-singularize]\n"
        "                  [--timestamps] [--dump-view]\n"
        "  dalgen schema   <schema source...> [--json | --sql] [--no-locations] [--no-above-annotations]\n"
        "  dalgen diff     --from SRC --to SRC [--down] [--exit-code] [--allow-destructive]\n"
        "                  [--clang-arg ARG] [--api --prefix NAME [--queries F|DIR]]\n"
        "  dalgen migrate  new NAME --dir DIR <schema source...> [--allow-destructive]\n"
        "  dalgen migrate  apply|status|down --db DB --dir DIR [--to N | --steps K]\n"
        "  dalgen check    (the inputs of generate)\n"
        "  dalgen erd      <schema source...> [--format mermaid|dot]\n"
        "  dalgen api-diff OLD.h NEW.h\n"
        "\n"
        "schema sources: FILE.sql, a folder of *.sql, a SQLite database, - (standard input), or\n"
        "  --schema PATH, --header models.h [--clang-arg ARG ...]\n"
        "\n"
        "exit status: 0 ok, 1 input error, 2 usage error, 3 differences found\n"
        "dalgen COMMAND --help describes one command.\n",
        out);
}

/* Runs a command and prints its diagnostics, the one place that does for
 * every way a command returns. */
static int run(int (*cmd)(int, char **, dg_diags *), int argc, char **argv)
{
    dg_diags d = DG_DIAGS_INIT;
    int rc = cmd(argc, argv, &d);
    dg_diags_print(&d, stderr);
    dg_diags_free(&d);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_help(stderr);
        return DG_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
        print_help(stdout);
        return DG_EXIT_OK;
    }
    if (!strcmp(cmd, "--version")) {
        printf("dalgen %s\n", DALGEN_VERSION_STRING);
        return DG_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        const struct command *c = &commands[i];
        if (strcmp(cmd, c->name) != 0) continue;
        if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
            fputs(c->help, stdout);
            if (c->sources)
                fputs("schema sources: FILE.sql, a folder of *.sql, a SQLite database, - (standard input), or\n"
                      "  --schema PATH, --header models.h [--clang-arg ARG ...]\n",
                      stdout);
            fputs("exit status: 0 ok, 1 input error, 2 usage error, 3 differences found\n", stdout);
            return DG_EXIT_OK;
        }
        return run(c->run, argc - 2, argv + 2);
    }
    fprintf(stderr, "dalgen: unknown command '%s' (see dalgen --help)\n", cmd);
    return DG_EXIT_USAGE;
}
