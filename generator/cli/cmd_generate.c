#include <stdio.h>

#include "cli.h"

int cmd_generate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'generate' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
