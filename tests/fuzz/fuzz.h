/* fuzz.h - the harnesses of tests/fuzz: each file defines libFuzzer's entry
 * point for one part of dalgen; driver.c supplies a main() that runs it on
 * seed inputs and deterministic mutations of them when the compiler has no
 * libFuzzer (docs/migrations.md, "Safety", gives the commands).
 *
 * An input passes when the harness returns: errors reported through the
 * diagnostics are fine, a crash, a sanitizer report, a hang or an abort is
 * what the fuzzer looks for. */
#ifndef DG_FUZZ_H
#define DG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Scratch paths of the process, under $TMPDIR, else /dev/shm when it is a
 * folder (no disk write per input), else /tmp; removed at exit.  `tag` names
 * the file (e.g. "query.sql") or folder and gives the same path every call. */
const char *dg_fuzz_tmpfile(const char *tag);
const char *dg_fuzz_tmpdir(const char *tag);

/* Writes `data` to the scratch file `tag` (dg_fuzz_write) or to `path`;
 * aborts when it cannot (a harness failure, not a finding). */
const char *dg_fuzz_write(const char *tag, const void *data, size_t size);
void dg_fuzz_write_path(const char *path, const void *data, size_t size);

/* Removes the files of the scratch folder `dir` (not its subfolders). */
void dg_fuzz_clear_dir(const char *dir);

#endif
