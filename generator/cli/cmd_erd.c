#include <stdio.h>

#include "cli.h"

int cmd_erd(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'erd' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
