#include <stdio.h>

#include "cli.h"

int cmd_schema(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fprintf(stderr, "dalgen: 'schema' is not implemented yet\n");
    return DG_EXIT_USAGE;
}
