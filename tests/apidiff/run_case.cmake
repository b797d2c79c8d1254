# One `dalgen diff --api` case: runs CMD ('|'-separated) in WORKDIR with
# TMPDIR set to a fresh empty folder TMP, then checks the exit status, stdout
# against EXPECTED.out, stderr against EXPECTED.err, and that TMP is empty
# again (nothing left behind, whatever the outcome).
#   cmake -DCMD=... -DWORKDIR=... -DTMP=... -DEXPECTED=<path without .out/.err>
#         -DEXPECT_RC=<n> -P run_case.cmake
# Before comparing, line numbers in the generated headers' locations
# (`to/blog.h:52:` -> `to/blog.h:N:`) and the TMP path are normalized, so that
# a change in the layout of the generated code does not fail these tests
# while any change in the API lines does.  DALGEN_UPDATE_GOLDEN=1 rewrites the
# expected files instead (the exit status and TMP are still checked).
# With -DREMOVE_TMP=1, TMP does not exist (an unusable TMPDIR) and its
# parent folder must stay empty.
string(REPLACE "|" ";" cmd "${CMD}")
file(REMOVE_RECURSE ${TMP})
if(REMOVE_TMP)
  get_filename_component(watched ${TMP} DIRECTORY)
  file(REMOVE_RECURSE ${watched})
  file(MAKE_DIRECTORY ${watched})
else()
  set(watched ${TMP})
  file(MAKE_DIRECTORY ${TMP})
endif()
set(ENV{TMPDIR} ${TMP})
execute_process(COMMAND ${cmd} WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)

file(GLOB left LIST_DIRECTORIES true ${watched}/*)
if(left)
  message(FATAL_ERROR "left behind in TMPDIR: ${left}")
endif()
if(NOT rc EQUAL EXPECT_RC)
  message(FATAL_ERROR "exit status ${rc}, expected ${EXPECT_RC}\nstdout:\n${out}\nstderr:\n${err}")
endif()

get_filename_component(real_tmp ${watched} REALPATH)
set(real_tmp ${real_tmp}/)
set(tmp_slash ${watched}/)
foreach(s out err)
  string(REGEX REPLACE "((from|to)/[A-Za-z0-9_]+\\.h):[0-9]+:" "\\1:N:" ${s} "${${s}}")
  string(REPLACE "${real_tmp}" "$TMPDIR/" ${s} "${${s}}")
  string(REPLACE "${tmp_slash}" "$TMPDIR/" ${s} "${${s}}")
  string(REGEX REPLACE "dalgen-api-[A-Za-z0-9]+" "dalgen-api-XXXXXX" ${s} "${${s}}")
endforeach()

if("$ENV{DALGEN_UPDATE_GOLDEN}")
  file(WRITE ${EXPECTED}.out "${out}")
  file(WRITE ${EXPECTED}.err "${err}")
  return()
endif()
foreach(s out err)
  file(READ ${EXPECTED}.${s} want)
  if(NOT "${${s}}" STREQUAL "${want}")
    message(FATAL_ERROR "std${s} differs from ${EXPECTED}.${s}\n--- got:\n${${s}}\n--- expected:\n${want}")
  endif()
endforeach()
