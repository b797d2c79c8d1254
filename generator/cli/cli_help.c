/* cli_help.c - what `dalgen COMMAND --help` prints: one text per command,
 * listing every option (the one place they are written). */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

#define SOURCES \
    "schema sources: FILE.sql, a folder of *.sql, a SQLite database, - (standard input), or\n" \
    "  --schema PATH, --header models.h [--clang-arg ARG ...]\n"
#define CONFIG \
    "  --config FILE  read the inputs from FILE: dalgen.yaml, or sqlc's sqlc.yaml (version 2);\n" \
    "                 flags given on the command line win over the file (docs/config.md)\n"
#define ENGINE \
    "  --engine sqlite|postgresql  the schema's engine (default sqlite; a postgres:// or\n" \
    "                 postgresql:// source implies postgresql)\n" \
    "  --pg-server URL|auto  the typing server PostgreSQL DDL is loaded into (a throwaway\n" \
    "                 database is created there and dropped); auto starts a private\n" \
    "                 cluster for the run. Default: $DALGEN_PG_SERVER\n" \
    "  --pg-run-as USER  the user an auto cluster runs as when dalgen runs as root\n" \
    "                 (default nobody: PostgreSQL refuses root)\n" \
    "  --allow-do     let DO blocks of the DDL run in the typing database\n"
#define STATUS "exit status: 0 ok, 1 input error, 2 usage error, 3 differences found\n"

static const struct {
    const char *name;
    const char *text;
} helps[] = {
    {"generate",
     "usage: dalgen generate <schema source...> [--queries FILE|DIR ...] [--migrations DIR]\n"
     "                       --prefix NAME --out DIR [--templates DIR] [--no-singularize]\n"
     "                       [--timestamps] [--dump-view] [--config FILE] [--Werror]\n"
     "                       [--depfile FILE] [--allow-dangling-fk] [--engine sqlite|postgresql]\n"
     "Writes DIR/NAME.h and DIR/NAME.c: row structs, repositories, validators, the\n"
     "named queries' functions and (with --migrations) the embedded migrations.\n"
     "Unchanged files are left untouched; on any error nothing is written.\n"
     "Given no schema source and no --config, reads ./dalgen.yaml when it exists.\n"
     "  --queries F|DIR  named queries in sqlc's format (files, or folders of *.sql)\n"
     "  --migrations DIR embed the migrations of DIR (dalgen migrate) in the code\n"
     "  --prefix NAME  the C prefix of every name, and the files' name\n"
     "  --out DIR      the folder the two files are written to\n"
     "  --templates DIR  templates that replace the built-in ones of the same name\n"
     "  --no-singularize  name rows after the tables as they are (no users -> user)\n"
     "  --timestamps   reserved for automatic created_at/updated_at; changes nothing yet\n"
     "  --dump-view    print the view model the templates render (JSON) instead of\n"
     "                 writing files (docs/generate.md, \"Templates\")\n"
     CONFIG
     "  --Werror       exit 1 (and write nothing) when a warning was reported\n"
     "  --allow-dangling-fk  generate although a foreign key names a table the schema\n"
     "                 does not have (a warning then; SQLite fails every write to\n"
     "                 the child while foreign keys are on)\n"
     "  --depfile FILE also write FILE: the inputs read, as a Make rule whose target is\n"
     "                 FILE without .d (for Ninja and CMake's DEPFILE)\n"
     "  --engine sqlite|postgresql  (and --pg-server URL|auto, --pg-run-as, --allow-do):\n"
     "                 postgresql generates the tables and the --queries over libdal's\n"
     "                 dal_pg.h (typed by the --pg-server); --migrations is not\n"
     "                 generated for PostgreSQL yet (exit 1; docs/postgresql.md)\n"
     SOURCES STATUS},
    {"schema",
     "usage: dalgen schema <schema source...> [--json | --sql] [--no-locations] [--no-above-annotations]\n"
     "                     [--engine sqlite|postgresql] [--pg-server URL|auto] [--pg-run-as USER]\n"
     "                     [--allow-do]\n"
     "Prints the schema model: a summary, JSON (--json) or SQL that recreates it (--sql).\n"
     "PostgreSQL sources: FILE.sql, a folder of *.sql, or postgresql://... (a live database,\n"
     "read only); DDL is checked by libpg_query and typed by the server of --pg-server.\n"
     "  --no-locations         leave every location (file:line:col) out of --json\n"
     "  --no-above-annotations leave out the annotations a database cannot keep\n"
     "                         (written above a statement or after its ;; on PostgreSQL\n"
     "                         every -- annotation: only COMMENT ON survives in a database)\n"
     ENGINE SOURCES STATUS},
    {"check",
     "usage: dalgen check <schema source...> [--queries FILE|DIR ...] [--migrations DIR]\n"
     "                    --prefix NAME --out DIR [--templates DIR] [--no-singularize] [--timestamps]\n"
     "                    [--config FILE] [--Werror] [--allow-dangling-fk] [--engine sqlite|postgresql]\n"
     "The options of generate.  Writes nothing; exits 3 and names the files when what\n"
     "generate would write differs from the files in --out, or when the migrations\n"
     "folder's dalgen.sum is stale.  Given no schema source and no --config, reads\n"
     "./dalgen.yaml when it exists.\n"
     CONFIG
     "  --Werror       exit 1 when a warning was reported\n"
     SOURCES STATUS},
    {"diff",
     "usage: dalgen diff --from SRC... --to SRC... [--down] [--exit-code]\n"
     "                   [--allow-destructive | --allow CODE[,CODE...]]\n"
     "                   [--clang-arg ARG ...] [--config FILE] [--api --prefix NAME [generate options]]\n"
     "                   [--engine sqlite|postgresql] [--pg-server URL|auto] [--online]\n"
     "\n"
     "Prints the SQL that migrates a database of --from to --to (--down: back).\n"
     "--engine postgresql  plans with ALTER statements of PostgreSQL; both plans are\n"
     "        applied to a throwaway database of --from (--pg-server) first and\n"
     "        nothing is printed unless they reach their schemas.\n"
     "--online  (postgresql) plans that keep writers going: CREATE INDEX\n"
     "        CONCURRENTLY, NOT VALID + VALIDATE CONSTRAINT, SET NOT NULL through a\n"
     "        validated CHECK, each under a lock_timeout.\n"
     "SRC: a .sql file, a folder of .sql files or migrations, a SQLite database, an\n"
     "annotated header (FILE.h), or `empty`; repeat --from/--to to apply several\n"
     "sources in order. --clang-arg ARG goes to libclang for header sources.\n"
     "--allow CODE[,CODE]  accept the destructive changes of these lint codes only\n"
     "        (DROP_TABLE, DROP_COLUMN, NARROW_TYPE, NOT_NULL_NO_DEFAULT,\n"
     "        REBUILD_CASCADE, AUTOINCREMENT_CHANGE, DOWN_CANNOT_RESTORE);\n"
     "        --allow-destructive: all.\n"
     "\n"
     "--api   then prints, as SQL comments, the API diff of the header that\n"
     "        `dalgen generate --prefix NAME` writes for each side (needs libclang).\n"
     "        Generate options: --queries F|DIR (both sides), --from-queries F|DIR,\n"
     "        --to-queries F|DIR, --templates DIR, --no-singularize, --timestamps.\n"
     "--config FILE  a config file (docs/config.md) with one job: its prefix, queries\n"
     "        (both sides), templates, options and overrides for --api, and its\n"
     "        clang_args for header sources; the flags win.\n"
     "\n"
     "exit status: 0 ok; 1 input error or lint refusal; 2 usage error;\n"
     "3 with --exit-code when the schemas differ, and with --api when the API\n"
     "  loses or changes something (a breaking change; additions alone are 0).\n"
     SOURCES},
    {"migrate",
     "usage: dalgen migrate new NAME --dir DIR <schema source...>\n"
     "                      [--allow-destructive | --allow CODE[,CODE...]]\n"
     "                      [--engine postgresql [--pg-server URL|auto] [--online]]\n"
     "       dalgen migrate hash --dir DIR\n"
     "       dalgen migrate apply|status|down --db DB --dir DIR [--to N | --steps K]\n"
     "                      [--baseline N] [--backup PATH]\n"
     "       dalgen migrate reset --db DB --dir DIR [--yes]\n"
     "       dalgen migrate baseline --db DB --dir DIR --to N\n"
     "new writes the next migration (up and down) from the folder to the schema;\n"
     "hash rewrites dalgen.sum; apply, status, down, reset (every down file) and\n"
     "baseline (apply --baseline N --to N) run libdal's runner on DB, a SQLite file\n"
     "or a postgresql:// URL.\n"
     "  --to N / --steps K   stop at migration N / revert K migrations (down)\n"
     "  --baseline N         record migrations up to N as applied without running them\n"
     "                       (a database made without them, with no or a partial\n"
     "                       history), after checking it has their schema\n"
     "  --allow CODE[,CODE]  (new) accept only these lint codes (see dalgen diff --help)\n"
     "  --backup PATH        copy the database to PATH before changing it (SQLite)\n"
     "  --yes                (reset) required when standard input is a terminal\n"
     "  --lock-wait MS       (PostgreSQL) wait this long for another process's\n"
     "                       migration lock (default 60000)\n"
     "  --lock-timeout MS, --statement-timeout MS\n"
     "                       (PostgreSQL) lock_timeout / statement_timeout of the\n"
     "                       migrations' statements\n"
     "docs/migrations.md has the details.\n"
     SOURCES STATUS},
    {"erd",
     "usage: dalgen erd <schema source...> [--format mermaid|dot]\n"
     "Prints an entity-relationship diagram of the schema.\n"
     SOURCES STATUS},
    {"api-diff",
     "usage: dalgen api-diff OLD.h NEW.h [--clang-arg ARG ...] [--config FILE]\n"
     "Compares two generated headers' C APIs; exits 3 when something was removed or changed.\n"
     "  --config FILE  use the config file's clang_args when no --clang-arg is given\n"
     STATUS},
};

const char *dg_cli_help(const char *cmd)
{
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++)
        if (!strcmp(helps[i].name, cmd)) return helps[i].text;
    return NULL;
}
