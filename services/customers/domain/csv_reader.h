#pragma once

#include <deque>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/base/encoding.h"
#include "common/base/error.h"

namespace careloop::customers::domain {

/// One CSV record and the (1-based) physical line it starts on.
struct CsvRecord final {
  int line = 0;
  std::vector<std::string> fields;  ///< UTF-8, surrounding spaces kept (rows trim what they use)
};

/// A streaming reader of CSV as Excel writes it: comma-separated, fields optionally in double
/// quotes with "" for a quote and line breaks allowed inside quotes, CRLF or LF, UTF-8 (with or
/// without BOM) or GBK. Holds one record at a time, so a file of a million rows needs no more
/// memory than its longest record.
///
/// A malformed record (a quote never closed within 20 lines or by the end of the file, or bytes
/// that are not valid in the encoding) is reported as an error with its line; reading then goes
/// on from the next physical line, so one bad row never hides the rest.
class CsvReader final {
 public:
  CsvReader(std::istream& in, TextEncoding encoding);

  /// The next record, an error for a malformed one, or nullopt at the end.
  [[nodiscard]] std::optional<Result<CsvRecord>> Next();
  /// The line the record last returned by Next() (good or malformed) starts on.
  [[nodiscard]] int record_line() const { return record_line_; }

 private:
  bool NextLine(std::string& line);

  std::istream& in_;
  TextEncoding encoding_;
  int line_number_ = 0;
  int record_line_ = 0;
  std::deque<std::pair<int, std::string>> pending_;  // lines to re-read after a malformed record
  bool first_line_ = true;
};

}  // namespace careloop::customers::domain
