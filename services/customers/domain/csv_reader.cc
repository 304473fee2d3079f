// Reading CSV as Excel writes it, one record at a time (see csv_reader.h).
#include "services/customers/domain/csv_reader.h"

#include <cctype>

#include "common/base/text.h"

namespace careloop::customers::domain {
namespace {

constexpr int kMaxLinesPerRecord = 20;

}  // namespace

CsvReader::CsvReader(std::istream& in, TextEncoding encoding) : in_(in), encoding_(encoding) {}

bool CsvReader::NextLine(std::string& line) {
  if (!pending_.empty()) {
    line_number_ = pending_.front().first;
    line = std::move(pending_.front().second);
    pending_.pop_front();
    return true;
  }
  if (!std::getline(in_, line)) {
    return false;
  }
  ++line_number_;
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  if (first_line_) {
    first_line_ = false;
    line = std::string(StripUtf8Bom(line));
  }
  return true;
}

std::optional<Result<CsvRecord>> CsvReader::Next() {
  std::string line;
  if (!NextLine(line)) {
    return std::nullopt;
  }
  const int start_line = line_number_;
  record_line_ = start_line;
  std::vector<std::pair<int, std::string>> extra_lines;  // kept to re-read if the record is bad
  CsvRecord record;
  record.line = start_line;
  std::string field;
  bool quoted = false;
  size_t i = 0;
  while (true) {
    if (i >= line.size()) {
      if (!quoted) {
        record.fields.push_back(std::move(field));
        break;
      }
      // Inside quotes the record continues on the next physical line.
      std::string next;
      if (static_cast<int>(extra_lines.size()) + 1 >= kMaxLinesPerRecord || !NextLine(next)) {
        for (auto it = extra_lines.rbegin(); it != extra_lines.rend(); ++it) {
          pending_.push_front(std::move(*it));
        }
        return Result<CsvRecord>(InvalidArgument(
            "csv", "line " + std::to_string(start_line) + ": a quoted field is never closed (unbalanced quote)"));
      }
      extra_lines.emplace_back(line_number_, next);
      field.push_back('\n');
      line = std::move(next);
      i = 0;
      continue;
    }
    const char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && TrimSpaces(field).empty()) {
      field.clear();
      quoted = true;
    } else if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
    } else {
      field.push_back(c);
    }
    ++i;
  }
  for (auto& value : record.fields) {
    if (encoding_ == TextEncoding::kGbk) {
      auto utf8 = GbkToUtf8(value);
      if (!utf8.ok()) {
        return Result<CsvRecord>(InvalidArgument("encoding", utf8.error().message + " (try --encoding utf-8)"));
      }
      value = std::move(utf8).value();
    } else if (!IsValidUtf8(value)) {
      return Result<CsvRecord>(
          InvalidArgument("encoding", "line " + std::to_string(start_line) + ": not valid UTF-8 (try --encoding gbk)"));
    }
  }
  return Result<CsvRecord>(std::move(record));
}

}  // namespace careloop::customers::domain
