/* ddl_dump HEADER [CLANG_ARG...]: prints the DDL an annotated header means
 * (dg_clang_ddl), for the golden tests of the header front end. */
#include <stdio.h>
#include <stdlib.h>

#include "frontend/clang_front.h"

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ddl_dump HEADER [CLANG_ARG...]\n");
        return 2;
    }
    dg_strings args = {0};
    for (int i = 2; i < argc; i++) dg_strings_push(&args, argv[i]);
    dg_diags d = DG_DIAGS_INIT;
    char *ddl = NULL;
    int rc = dg_clang_ddl(argv[1], &args, &ddl, &d);
    dg_diags_print(&d, stderr);
    if (rc == 0) fputs(ddl, stdout);
    free(ddl);
    dg_strings_free(&args);
    return rc == 0 ? 0 : 1;
}
