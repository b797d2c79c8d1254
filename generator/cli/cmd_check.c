#include <stdio.h>

#include "cli.h"

int cmd_check(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'check' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
