#include <stdio.h>

#include "cli.h"

int cmd_diff(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'diff' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
