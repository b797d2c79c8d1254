/* main.c - dalgen entry point: dispatches to one cmd_<name>() per command. */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "util/diag.h"
#include "util/memtune.h"
#include "version.h"

/* The commands (their --help texts: cli/cli_help.c). */
static const struct command {
    const char *name;
    int (*run)(int, char **, dg_diags *);
} commands[] = {
    {"generate", cmd_generate}, {"schema", cmd_schema}, {"check", cmd_check}, {"diff", cmd_diff},
    {"migrate", cmd_migrate},   {"erd", cmd_erd},       {"api-diff", cmd_api_diff},
};

static void print_help(FILE *out)
{
    fputs(
        "dalgen " DALGEN_VERSION_STRING " - typed data-access layers in C from SQLite schemas\n"
        "\n"
        "usage:\n"
        "  dalgen generate <schema source...> [--queries FILE|DIR ...] [--migrations DIR]\n"
        "                  --prefix NAME --out DIR [--templates DIR] [--no-singularize]\n"
        "                  [--timestamps] [--dump-view] [--config FILE] [--Werror] [--depfile FILE]\n"
        "  dalgen generate [--config dalgen.yaml | sqlc.yaml]   (./dalgen.yaml by default)\n"
        "  dalgen schema   <schema source...> [--json | --sql] [--no-locations] [--no-above-annotations]\n"
        "                  [--engine sqlite|postgresql] [--pg-server URL|auto] [--pg-run-as USER] [--allow-do]\n"
        "  dalgen diff     --from SRC --to SRC [--down] [--exit-code] [--allow-destructive | --allow CODE,...]\n"
        "                  [--clang-arg ARG] [--config FILE] [--api --prefix NAME [--queries F|DIR]]\n"
        "  dalgen migrate  new NAME --dir DIR <schema source...> [--allow-destructive | --allow CODE,...]\n"
        "  dalgen migrate  hash --dir DIR\n"
        "  dalgen migrate  apply|status|down --db DB --dir DIR [--to N | --steps K]\n"
        "                  [--baseline N] [--backup PATH] [--lock-wait MS] [--lock-timeout MS]\n"
        "                  [--statement-timeout MS]   (DB: a SQLite file or a postgresql:// URL)\n"
        "  dalgen migrate  reset --db DB --dir DIR [--yes]\n"
        "  dalgen migrate  baseline --db DB --dir DIR --to N\n"
        "  dalgen check    (the inputs of generate) [--config FILE] [--Werror]\n"
        "  dalgen erd      <schema source...> [--format mermaid|dot]\n"
        "  dalgen api-diff OLD.h NEW.h [--clang-arg ARG ...] [--config FILE]\n"
        "\n"
        "schema sources: FILE.sql, a folder of *.sql, a SQLite database, - (standard input),\n"
        "  postgresql://... (with --engine postgresql: a live PostgreSQL database), or\n"
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
    /* dalgen reads no SQLite memory statistics: without them SQLite's
     * allocator takes no global mutex per allocation */
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
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
            fputs(dg_cli_help(c->name), stdout);
            return DG_EXIT_OK;
        }
        dg_memory_tune();
        return run(c->run, argc - 2, argv + 2);
    }
    fprintf(stderr, "dalgen: unknown command '%s' (see dalgen --help)\n", cmd);
    return DG_EXIT_USAGE;
}
