/* validate_pattern.c - @pattern: POSIX extended regular expressions compiled
 * once per process. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <regex.h>
#include <stdlib.h>

#include "dal_validate.h"

/* Guards the first compilation of every dal_pattern (rare, so one lock). */
static pthread_mutex_t compile_lock = PTHREAD_MUTEX_INITIALIZER;

static int ready(dal_pattern *p)
{
    pthread_mutex_lock(&compile_lock);
    if (p->state == 0) {
        regex_t *re = malloc(sizeof *re);
        if (re && regcomp(re, p->source, REG_EXTENDED | REG_NOSUB) == 0) {
            p->compiled = re;
            p->state = 1;
        } else {
            free(re);
            p->state = -1;
        }
    }
    int state = p->state;
    pthread_mutex_unlock(&compile_lock);
    return state;
}

int dal_pattern_match(dal_pattern *p, const char *s)
{
    if (ready(p) != 1) return -1;
    return regexec((const regex_t *)p->compiled, s, 0, NULL, 0) == 0 ? 1 : 0;
}
