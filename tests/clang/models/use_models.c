/* The annotated header is ordinary C: it compiles (strict flags, gcc and
 * clang, C99 and C11) together with dal.h, in either include order. */
#include "models.h"
#include <dal.h>

int main(void)
{
    struct author a = {0};
    post p = {0};
    struct post_tag t = {0};
    a.mood = MOOD_SAD;
    a.prio = PRIO_HIGH;
    a.has_age = true;
    a.age = 42;
    p.has_words = false;
    t.tag[0] = 'c';
    return (int)(a.age - 42) + (p.has_words ? 1 : 0) + (t.tag[0] == 'c' ? 0 : 1) + (a.mood == MOOD_SAD ? 0 : 1);
}
