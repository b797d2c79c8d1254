#include <stdio.h>

#include "cli.h"

int cmd_api_diff(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'api_diff' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
