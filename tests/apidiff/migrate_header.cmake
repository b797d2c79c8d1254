# `dalgen migrate new` takes header sources and --clang-arg: two migrations
# written from headers/v1.h and headers/v2.h, after which the folder is at
# the schema of v2.h (`diff --exit-code` finds nothing) and the second
# migration renames the column instead of dropping it.
#   cmake -DDALGEN=<exe> -DWORKDIR=<tests/apidiff> -DMIGDIR=<scratch> -P migrate_header.cmake
file(REMOVE_RECURSE ${MIGDIR})
set(inc --clang-arg -Iheaders/include)
function(run expect_rc)
  execute_process(COMMAND ${DALGEN} ${ARGN} WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "dalgen ${ARGN}: exit status ${rc}, expected ${expect_rc}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()
run(0 migrate new init --dir ${MIGDIR} --header headers/v1.h ${inc})
run(0 migrate new login --dir ${MIGDIR} --header headers/v2.h ${inc} --clang-arg -DWITH_BIO)
run(0 diff --from ${MIGDIR} --to headers/v2.h ${inc} --clang-arg -DWITH_BIO --exit-code)
if(NOT out STREQUAL "")
  message(FATAL_ERROR "the migrations folder is not at the schema of v2.h:\n${out}")
endif()
file(READ ${MIGDIR}/0002_login.up.sql up)
foreach(want "RENAME COLUMN \"email\" TO \"login\"" "ADD COLUMN \"bio\" TEXT")
  string(FIND "${up}" "${want}" at)
  if(at LESS 0)
    message(FATAL_ERROR "0002_login.up.sql lacks '${want}':\n${up}")
  endif()
endforeach()
# Without the define the folder is one column ahead of v2.h.
run(3 diff --from ${MIGDIR} --to headers/v2.h ${inc} --exit-code --allow-destructive)
