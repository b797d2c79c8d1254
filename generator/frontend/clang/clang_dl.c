/* clang_dl.c - dlopen of libclang at first use (clang_dl.h). */
#define DG_CLANG_DL_IMPL 1
#include "frontend/clang/clang_dl.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

dg_clang_api dg_clang;
static void *handle;

/* dlsym's void * into a function pointer: POSIX guarantees it works; C
 * needs the copy through memcpy to say so without a warning. */
static int bind_all(void *h, const char **missing)
{
#define DG_CLANG_BIND(name) \
    { \
        void *p = dlsym(h, #name); \
        if (!p) return (*missing = #name, -1); \
        memcpy(&dg_clang.name, &p, sizeof p); \
    }
    DG_CLANG_FUNCS(DG_CLANG_BIND)
#undef DG_CLANG_BIND
    return 0;
}

int dg_clang_open(dg_loc at, dg_diags *d)
{
    /* $DALGEN_LIBCLANG alone when set; else the build's library, then its
     * soname (found by the loader's search path) */
    const char *env = getenv("DALGEN_LIBCLANG");
    const char *names[] = { DALGEN_LIBCLANG_PATH, DALGEN_LIBCLANG_SONAME };
    const char *missing = NULL, *tried = NULL;
    if (handle) return 0;
    if (env && *env) handle = dlopen(tried = env, RTLD_NOW | RTLD_LOCAL);
    for (size_t i = 0; !(env && *env) && i < sizeof names / sizeof names[0] && !handle; i++)
        if (*names[i]) handle = dlopen(tried = names[i], RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char *why = tried ? dlerror() : "no library name";
        dg_error(d, at, "libclang is needed here and could not be loaded (%s); install libclang (Debian: "
                        "libclang1-14) or set DALGEN_LIBCLANG to its path", why);
        return -1;
    }
    if (bind_all(handle, &missing) != 0) {
        dg_error(d, at, "libclang (%s) lacks %s: dalgen needs libclang 14 or later", tried, missing);
        dlclose(handle);
        handle = NULL;
        memset(&dg_clang, 0, sizeof dg_clang);
        return -1;
    }
    return 0;
}
