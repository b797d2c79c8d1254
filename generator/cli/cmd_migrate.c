#include <stdio.h>

#include "cli.h"

int cmd_migrate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'migrate' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
