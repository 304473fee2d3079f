#pragma once

#include <string>
#include <string_view>

namespace careloop {

/// `text` without the ASCII white space around it (what people type around a value, and what
/// spreadsheets leave around a cell).
[[nodiscard]] std::string TrimSpaces(std::string_view text);

/// `text` safe inside HTML text and quoted attribute values: & < > " ' as character references.
[[nodiscard]] std::string HtmlEscape(std::string_view text);

}  // namespace careloop
