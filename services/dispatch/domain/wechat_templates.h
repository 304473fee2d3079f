#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/base/error.h"
#include "services/dispatch/domain/message.h"

namespace careloop::dispatch::domain {

/// One WeChat official-account template message: the template id registered with WeChat and
/// its keyword data. Keys follow WeChat's typed keywords (thing1, car_number2, time3,
/// phrase4…: thing ≤ 20 characters, phrase ≤ 5 Chinese characters, car_number ≤ 8); each
/// value is written with the same ${placeholders} as the SMS templates.
struct WeChatTemplate final {
  std::string template_id;  ///< e.g. "CL_WX_MAINTENANCE" (the fake gateway's ids)
  std::string title;        ///< the template's title as WeChat shows it, e.g. "保养到期提醒"
  std::vector<std::pair<std::string, std::string>> keywords;  ///< key → value text
};

/// WeChat templates by the same names as the SMS templates (CareKindName and its variants).
using WeChatTemplates = std::map<std::string, WeChatTemplate, std::less<>>;

/// The built-in WeChat templates, one per care kind (variants fall back to their kind's).
[[nodiscard]] WeChatTemplates DefaultWeChatTemplates();

/// The template for a request: its SMS template name (TemplateNameFor) if WeChat has one,
/// else its kind's. Null when neither exists.
[[nodiscard]] const WeChatTemplate* WeChatTemplateFor(const WeChatTemplates& templates, const SendRequest& request,
                                                      Date today);

/// The keyword data: each value rendered from `values`; a thing value longer than 20
/// characters is cut to 19 and "…" (WeChat refuses longer ones). Error naming the
/// placeholder when a value is missing, like the SMS text.
[[nodiscard]] Result<std::map<std::string, std::string>> RenderWeChatData(
    const WeChatTemplate& tmpl, const std::map<std::string, std::string>& values);

/// The text kept in the ledger for a WeChat message: "title｜value；value…".
[[nodiscard]] std::string WeChatLedgerText(const WeChatTemplate& tmpl, const std::map<std::string, std::string>& data);

}  // namespace careloop::dispatch::domain
