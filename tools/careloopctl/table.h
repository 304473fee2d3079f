#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace careloop::ctl {

/// Terminal columns a UTF-8 string takes: East Asian wide and fullwidth characters (CJK,
/// Hangul, fullwidth forms, most emoji) count 2, combining marks and zero-width characters 0,
/// everything else 1. Invalid bytes count 1 each.
[[nodiscard]] size_t DisplayWidth(std::string_view utf8);

/// Cuts `utf8` to at most `max_width` columns on a character boundary, ending in "…" when
/// something was cut.
[[nodiscard]] std::string TruncateToWidth(std::string_view utf8, size_t max_width);

/// A text table with left-aligned columns padded by display width, for human output.
class Table final {
 public:
  /// `headers` also fixes the number of columns.
  explicit Table(std::vector<std::string> headers);
  /// Adds a row; missing cells are empty, extra cells are dropped.
  void AddRow(std::vector<std::string> cells);
  [[nodiscard]] bool empty() const { return rows_.empty(); }
  /// The header line followed by one line per row; columns separated by two spaces, no
  /// trailing blanks. Every line ends in '\n'.
  [[nodiscard]] std::string Render() const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

/// Key/value lines ("name     张三"), keys padded to the widest key.
[[nodiscard]] std::string RenderFields(const std::vector<std::pair<std::string, std::string>>& fields);

}  // namespace careloop::ctl
