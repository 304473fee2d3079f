# The CSI read model: its figures (domain) and its use cases over tests/fakes/surveys_csi_fakes.h.
# Included from tests/unit/CMakeLists.txt.
add_executable(surveys_csi_test "${CMAKE_CURRENT_LIST_DIR}/surveys_csi_domain_test.cc"
  "${CMAKE_CURRENT_LIST_DIR}/surveys_csi_app_test.cc" "${CMAKE_CURRENT_LIST_DIR}/surveys_actions_test.cc")
target_link_libraries(surveys_csi_test PRIVATE careloop_surveys_app careloop_surveys_domain careloop_config
  careloop_clock careloop_auth GTest::gtest_main)
target_include_directories(surveys_csi_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(surveys_csi_test)
gtest_discover_tests(surveys_csi_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
