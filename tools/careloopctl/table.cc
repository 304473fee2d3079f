#include "tools/careloopctl/table.h"

#include <algorithm>
#include <utility>

namespace careloop::ctl {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// East Asian Width W and F (Unicode 15, EastAsianWidth.txt), merged into ranges.
constexpr Range kWide[] = {
    {0x1100, 0x115F},   {0x231A, 0x231B},   {0x2329, 0x232A},   {0x23E9, 0x23EC},   {0x23F0, 0x23F0},
    {0x23F3, 0x23F3},   {0x25FD, 0x25FE},   {0x2614, 0x2615},   {0x2648, 0x2653},   {0x267F, 0x267F},
    {0x2693, 0x2693},   {0x26A1, 0x26A1},   {0x26AA, 0x26AB},   {0x26BD, 0x26BE},   {0x26C4, 0x26C5},
    {0x26CE, 0x26CE},   {0x26D4, 0x26D4},   {0x26EA, 0x26EA},   {0x26F2, 0x26F3},   {0x26F5, 0x26F5},
    {0x26FA, 0x26FA},   {0x26FD, 0x26FD},   {0x2705, 0x2705},   {0x270A, 0x270B},   {0x2728, 0x2728},
    {0x274C, 0x274C},   {0x274E, 0x274E},   {0x2753, 0x2755},   {0x2757, 0x2757},   {0x2795, 0x2797},
    {0x27B0, 0x27B0},   {0x27BF, 0x27BF},   {0x2B1B, 0x2B1C},   {0x2B50, 0x2B50},   {0x2B55, 0x2B55},
    {0x2E80, 0x303E},   {0x3041, 0x33FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
    {0xA960, 0xA97F},   {0xAC00, 0xD7A3},   {0xF900, 0xFAFF},   {0xFE10, 0xFE19},   {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60},   {0xFFE0, 0xFFE6},   {0x16FE0, 0x16FE4}, {0x17000, 0x18CD5}, {0x1B000, 0x1B2FB},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A}, {0x1F200, 0x1F251},
    {0x1F260, 0x1F265}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF}, {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

// Combining marks and zero-width characters.
constexpr Range kZero[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A}, {0x064B, 0x065F},
    {0x200B, 0x200F}, {0x202A, 0x202E}, {0x2060, 0x2064}, {0x20D0, 0x20FF}, {0x302A, 0x302D},
    {0x3099, 0x309A}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF}, {0xE0100, 0xE01EF},
};

bool InRanges(char32_t c, const Range* begin, const Range* end) {
  const Range* it = std::upper_bound(begin, end, c, [](char32_t value, const Range& r) { return value < r.first; });
  return it != begin && c <= (it - 1)->last;
}

// Decodes one UTF-8 character at `i`; returns its length in bytes (1 for an invalid byte,
// which decodes as U+FFFD's width of 1).
size_t Decode(std::string_view text, size_t i, char32_t& out) {
  const auto lead = static_cast<unsigned char>(text[i]);
  size_t length = 1;
  char32_t c = lead;
  if (lead >= 0xF0 && lead < 0xF8) {
    length = 4;
    c = lead & 0x07;
  } else if (lead >= 0xE0) {
    length = 3;
    c = lead & 0x0F;
  } else if (lead >= 0xC0) {
    length = 2;
    c = lead & 0x1F;
  } else if (lead >= 0x80) {
    out = 0xFFFD;
    return 1;
  }
  if (i + length > text.size()) {
    out = 0xFFFD;
    return 1;
  }
  for (size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) {
      out = 0xFFFD;
      return 1;
    }
    c = (c << 6) | (next & 0x3F);
  }
  out = c;
  return length;
}

size_t CharWidth(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
    return 0;
  }
  if (InRanges(c, std::begin(kZero), std::end(kZero))) {
    return 0;
  }
  return InRanges(c, std::begin(kWide), std::end(kWide)) ? 2 : 1;
}

void AppendPadded(std::string& out, const std::string& cell, size_t width) {
  out += cell;
  out.append(width - std::min(width, DisplayWidth(cell)), ' ');
}

}  // namespace

size_t DisplayWidth(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    char32_t c = 0;
    i += Decode(utf8, i, c);
    width += CharWidth(c);
  }
  return width;
}

std::string TruncateToWidth(std::string_view utf8, size_t max_width) {
  if (DisplayWidth(utf8) <= max_width) {
    return std::string(utf8);
  }
  if (max_width == 0) {
    return {};
  }
  const size_t budget = max_width - 1;  // room for "…"
  size_t width = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t c = 0;
    const size_t length = Decode(utf8, i, c);
    const size_t w = CharWidth(c);
    if (width + w > budget) {
      break;
    }
    width += w;
    i += length;
  }
  return std::string(utf8.substr(0, i)) + "…";
}

Table::Table(std::vector<std::string> headers) : headers_(std::move(headers)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(headers_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::Render() const {
  std::vector<size_t> widths(headers_.size());
  for (size_t c = 0; c < headers_.size(); ++c) {
    widths[c] = DisplayWidth(headers_[c]);
    for (const auto& row : rows_) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  auto render_line = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      if (c + 1 == cells.size()) {
        line += cells[c];
      } else {
        AppendPadded(line, cells[c], widths[c]);
        line += "  ";
      }
    }
    while (!line.empty() && line.back() == ' ') {
      line.pop_back();
    }
    out += line;
    out += '\n';
  };
  render_line(headers_);
  for (const auto& row : rows_) {
    render_line(row);
  }
  return out;
}

std::string RenderFields(const std::vector<std::pair<std::string, std::string>>& fields) {
  size_t width = 0;
  for (const auto& [key, value] : fields) {
    width = std::max(width, DisplayWidth(key));
  }
  std::string out;
  for (const auto& [key, value] : fields) {
    AppendPadded(out, key, width);
    out += "  ";
    out += value;
    while (!out.empty() && out.back() == ' ') {
      out.pop_back();
    }
    out += '\n';
  }
  return out;
}

}  // namespace careloop::ctl
