# The answer window of surveys (issue 11): the surveys side (domain rules, SurveyWindowApp over
# tests/fakes/surveys_window_fakes.h, the timers' route, the window from the template) and the
# reminders side (the timers planned on SurveyIssued and their cues), and dispatch sending the one
# reminder on SurveyReminded. Included from tests/unit/CMakeLists.txt.
add_executable(surveys_window_test "${CMAKE_CURRENT_LIST_DIR}/surveys_window_test.cc")
target_link_libraries(surveys_window_test PRIVATE careloop_surveys_adapters GTest::gtest_main)
target_include_directories(surveys_window_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(surveys_window_test)
gtest_discover_tests(surveys_window_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

add_executable(reminders_survey_window_test "${CMAKE_CURRENT_LIST_DIR}/reminders_survey_window_test.cc")
target_link_libraries(reminders_survey_window_test PRIVATE careloop_reminders_adapters GTest::gtest_main)
target_include_directories(reminders_survey_window_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(reminders_survey_window_test)
gtest_discover_tests(reminders_survey_window_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)

add_executable(dispatch_survey_reminder_test "${CMAKE_CURRENT_LIST_DIR}/dispatch_survey_reminder_test.cc")
target_link_libraries(dispatch_survey_reminder_test PRIVATE careloop_dispatch_adapters GTest::gtest_main)
target_include_directories(dispatch_survey_reminder_test PRIVATE ${PROJECT_SOURCE_DIR})
careloop_strict(dispatch_survey_reminder_test)
gtest_discover_tests(dispatch_survey_reminder_test PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
