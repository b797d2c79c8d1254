# install.cmake - the package dalgen installs, and the same names in-tree.
#
# Installed: lib/cmake/dalgen/{dalgenConfig,dalgenConfigVersion,dalgenTargets,
# dalgen}.cmake and lib/pkgconfig/dal.pc.  In-tree (add_subdirectory or
# FetchContent), dalgen::dal is an ALIAS (runtime/) and dalgen::dalgen one
# below, so a consumer's CMakeLists.txt reads the same either way.
include(CMakePackageConfigHelpers)

if(TARGET dalgen AND NOT TARGET dalgen::dalgen)
  add_executable(dalgen::dalgen ALIAS dalgen)
endif()

set(DALGEN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/dalgen"
  CACHE STRING "Where the CMake package files of dalgen are installed")

install(EXPORT dalgenTargets NAMESPACE dalgen:: DESTINATION "${DALGEN_INSTALL_CMAKEDIR}"
  FILE dalgenTargets.cmake)
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/dalgenConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/dalgenConfig.cmake"
  INSTALL_DESTINATION "${DALGEN_INSTALL_CMAKEDIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/dalgenConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/cmake/dalgenConfig.cmake"
  "${PROJECT_BINARY_DIR}/cmake/dalgenConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/dalgen.cmake"
  DESTINATION "${DALGEN_INSTALL_CMAKEDIR}")

# dal.pc is relocatable: its prefix is found from its own folder when the
# install folders are relative (the usual case).
set(pc_dir "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
if(IS_ABSOLUTE "${CMAKE_INSTALL_LIBDIR}")
  set(DALGEN_PC_PREFIX "${CMAKE_INSTALL_PREFIX}")
  set(DALGEN_PC_LIBDIR "${CMAKE_INSTALL_LIBDIR}")
else()
  file(RELATIVE_PATH up "/root/${pc_dir}" "/root")
  string(REGEX REPLACE "/$" "" up "${up}")
  set(DALGEN_PC_PREFIX "\${pcfiledir}/${up}")
  set(DALGEN_PC_LIBDIR "\${prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE "${CMAKE_INSTALL_INCLUDEDIR}")
  set(DALGEN_PC_INCLUDEDIR "${CMAKE_INSTALL_INCLUDEDIR}")
else()
  set(DALGEN_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
# -pthread: dal_pool (a no-op on glibc >= 2.34, needed before).
set(DALGEN_PC_LIBS_PRIVATE "-pthread")
set(DALGEN_PC_CFLAGS_PQ "")
if(DALGEN_WITH_POSTGRESQL)
  set(DALGEN_PC_LIBS_PRIVATE "-lpq -pthread")
  pkg_get_variable(_dal_pq_incdir libpq includedir)
  if(_dal_pq_incdir AND NOT _dal_pq_incdir STREQUAL "/usr/include")
    set(DALGEN_PC_CFLAGS_PQ " -I${_dal_pq_incdir}")
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/dal.pc.in" "${PROJECT_BINARY_DIR}/cmake/dal.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/cmake/dal.pc" DESTINATION "${pc_dir}")
