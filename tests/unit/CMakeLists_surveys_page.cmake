# The customer's survey link and answer page (issue 11): links minted at issue, the page's routes
# and rendering over tests/fakes/surveys_page_fakes.h. Included from tests/unit/CMakeLists.txt.
add_executable(surveys_answer_page_test "${CMAKE_CURRENT_LIST_DIR}/surveys_answer_page_test.cc")
target_link_libraries(surveys_answer_page_test PRIVATE careloop_surveys_adapters GTest::gtest_main)
target_include_directories(surveys_answer_page_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(surveys_answer_page_test)
gtest_discover_tests(surveys_answer_page_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

# Dispatch renders the answer page's link (SMS wordings with ${survey_link}, WeChat's url).
add_executable(dispatch_survey_link_test "${CMAKE_CURRENT_LIST_DIR}/dispatch_survey_link_test.cc")
target_link_libraries(dispatch_survey_link_test PRIVATE careloop_dispatch_app careloop_config careloop_clock
  careloop_auth GTest::gtest_main)
target_include_directories(dispatch_survey_link_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(dispatch_survey_link_test)
gtest_discover_tests(dispatch_survey_link_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
