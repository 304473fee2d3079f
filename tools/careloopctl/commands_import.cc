// import deliveries|visits FILE: the information clerk's monthly DMS export, streamed to
// CustomersService.ImportRows one row at a time (a million-row file never sits in memory).
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "careloop/customer/v1/customers_service.grpc.pb.h"
#include "common/base/encoding.h"
#include "common/events/proto_event.h"
#include "services/customers/domain/dms_import.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
namespace dom = careloop::customers::domain;

// Rows are checked for form here (encoding, columns, dates, VIN/phone shape); facts that need
// the business clock (a date in the future) are checked by the service.
const Date kNoFutureCheck{2200, 1, 1};

struct ImportArgs {
  std::string kind;
  std::string file;
  std::string store;
  std::string encoding = "auto";
  std::string mapping;
};

std::map<std::string, std::string> LoadMapping(const std::string& path) {
  if (path.empty()) {
    return {};
  }
  std::map<std::string, std::string> mapping;
  try {
    const YAML::Node root = YAML::LoadFile(path);
    if (!root.IsMap()) {
      throw UsageError("--mapping " + path + ": must map column headers to field names, e.g. 车主: name");
    }
    for (const auto& entry : root) {
      mapping[entry.first.as<std::string>()] = entry.second.as<std::string>();
    }
  } catch (const YAML::Exception& e) {
    throw UsageError("--mapping " + path + ": " + e.what());
  }
  return mapping;
}

TextEncoding ChooseEncoding(const std::string& flag, std::istream& in) {
  if (flag == "utf-8") {
    return TextEncoding::kUtf8;
  }
  if (flag == "gbk") {
    return TextEncoding::kGbk;
  }
  std::string head(64 * 1024, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  in.clear();
  in.seekg(0);
  return DetectEncoding(head);
}

cv1::ImportRow RowMessage(int line, const dom::DeliveryRow& row) {
  cv1::ImportRow out;
  out.set_line_number(line);
  out.set_name(row.customer.name);
  out.set_mobile(row.customer.mobile);
  out.set_vin(row.vehicle.vin);
  out.set_plate(row.vehicle.plate);
  out.set_model(row.vehicle.model);
  if (row.vehicle.purchase_date.IsSet()) {
    *out.mutable_purchase_date() = events::ToProto(row.vehicle.purchase_date);
  }
  *out.mutable_delivery_date() = events::ToProto(row.vehicle.delivery_date);
  out.set_sales_consultant(row.vehicle.sales_consultant);
  out.set_assigned_advisor(row.vehicle.assigned_advisor);
  return out;
}

cv1::VisitType ToProto(dom::VisitType type) {
  switch (type) {
    case dom::VisitType::kFirstFreeMaintenance: return cv1::VISIT_TYPE_FIRST_FREE_MAINTENANCE;
    case dom::VisitType::kSecondFreeMaintenance: return cv1::VISIT_TYPE_SECOND_FREE_MAINTENANCE;
    case dom::VisitType::kRegularMaintenance: return cv1::VISIT_TYPE_REGULAR_MAINTENANCE;
    case dom::VisitType::kRepair: return cv1::VISIT_TYPE_REPAIR;
    case dom::VisitType::kWarranty: return cv1::VISIT_TYPE_WARRANTY;
    case dom::VisitType::kAccidentClaim: return cv1::VISIT_TYPE_ACCIDENT_CLAIM;
    case dom::VisitType::kBodywork: return cv1::VISIT_TYPE_BODYWORK;
    case dom::VisitType::kUnspecified: return cv1::VISIT_TYPE_UNSPECIFIED;
  }
  return cv1::VISIT_TYPE_UNSPECIFIED;
}

cv1::ImportRow RowMessage(int line, const dom::PolicyRow& row) {
  cv1::ImportRow out;
  out.set_line_number(line);
  out.set_vin(row.vin);
  out.set_plate(row.plate);
  out.set_insurer(row.insurer);
  out.set_policy_number(row.policy_number);
  out.set_compulsory(row.compulsory);
  *out.mutable_policy_start() = events::ToProto(row.start);
  *out.mutable_policy_end() = events::ToProto(row.end);
  out.set_premium_fen(row.premium_fen);
  return out;
}

cv1::ImportRow RowMessage(int line, const dom::VisitRow& row) {
  cv1::ImportRow out;
  out.set_line_number(line);
  out.set_vin(row.vin);
  out.set_plate(row.plate);
  *out.mutable_visit_date() = events::ToProto(row.visit.visit_date);
  out.set_odometer_km(row.visit.odometer_km);
  out.set_visit_type(ToProto(row.visit.visit_type));
  out.set_visit_advisor(row.visit.advisor);
  out.set_amount_fen(row.visit.amount_fen);
  return out;
}

// A one-line progress bar on stderr, only when stderr is a terminal; redrawn at most every 1%.
class Progress final {
 public:
  explicit Progress(std::uintmax_t total_bytes) : total_(total_bytes), enabled_(::isatty(2) == 1 && total_ > 0) {}
  void Update(std::istream& in, int64_t rows) {
    if (!enabled_) {
      return;
    }
    const auto position = in.tellg();
    const int percent =
        position < 0 ? 100 : static_cast<int>(100.0 * static_cast<double>(position) / static_cast<double>(total_));
    if (percent == last_percent_) {
      return;
    }
    last_percent_ = percent;
    const int filled = percent * 30 / 100;
    std::cerr << "\r[" << std::string(filled, '#') << std::string(30 - filled, ' ') << "] " << percent << "%  " << rows
              << " rows" << std::flush;
  }
  void Done() {
    if (enabled_) {
      std::cerr << "\r" << std::string(60, ' ') << "\r" << std::flush;
    }
  }

 private:
  std::uintmax_t total_;
  bool enabled_;
  int last_percent_ = -1;
};

int RunImport(Session& session, const ImportArgs& args) {
  const dom::ImportKind kind = args.kind == "deliveries" ? dom::ImportKind::kDeliveries
                               : args.kind == "visits"   ? dom::ImportKind::kVisits
                                                         : dom::ImportKind::kPolicies;
  std::ifstream file(args.file, std::ios::binary);
  if (!file) {
    throw UsageError("cannot read " + args.file);
  }
  const auto mapping = LoadMapping(args.mapping);
  const TextEncoding encoding = ChooseEncoding(args.encoding, file);
  dom::CsvReader reader(file, encoding);

  auto header_record = reader.Next();
  if (!header_record || !header_record->ok()) {
    throw UsageError(args.file + ": no readable header line" +
                     (header_record ? " (" + header_record->error().message + ")" : ""));
  }
  auto columns = dom::MapHeader(kind, header_record->value().fields, mapping);
  if (!columns.ok()) {
    throw UsageError(args.file + ": " + columns.error().ToString());
  }

  auto stub = cv1::CustomersService::NewStub(session.Channel(kCustomersAddr));
  auto context = session.NewContext();
  context->set_deadline(std::chrono::system_clock::time_point::max());  // an import takes as long as it takes
  cv1::ImportRowsResponse response;
  auto writer = stub->ImportRows(context.get(), &response);
  cv1::ImportRowsRequest request;
  auto* header = request.mutable_header();
  header->set_store_id(args.store);
  header->set_kind(kind == dom::ImportKind::kDeliveries ? cv1::IMPORT_KIND_SALES
                   : kind == dom::ImportKind::kVisits   ? cv1::IMPORT_KIND_AFTER_SALES
                                                        : cv1::IMPORT_KIND_POLICIES);
  header->set_file_name(std::filesystem::path(args.file).filename().string());
  bool open = writer->Write(request);

  std::vector<dom::RowError> local_rejects;
  int64_t rows = 0;
  Progress progress(std::filesystem::file_size(args.file));
  while (open) {
    auto record = reader.Next();
    if (!record) {
      break;
    }
    ++rows;
    if (!record->ok()) {
      local_rejects.push_back({reader.record_line(), record->error().field, record->error().message});
      continue;
    }
    const dom::CsvRecord& csv = record->value();
    if (std::all_of(csv.fields.begin(), csv.fields.end(), [](const std::string& f) { return f.empty(); })) {
      --rows;  // Excel leaves empty lines at the end
      continue;
    }
    request.Clear();
    if (kind == dom::ImportKind::kDeliveries) {
      auto row = dom::ParseDeliveryRow(columns.value(), csv, kNoFutureCheck);
      if (!row.ok()) {
        local_rejects.push_back(dom::ToRowError(csv.line, row.error()));
        continue;
      }
      *request.mutable_row() = RowMessage(csv.line, row.value());
    } else if (kind == dom::ImportKind::kVisits) {
      auto row = dom::ParseVisitRow(columns.value(), csv, kNoFutureCheck);
      if (!row.ok()) {
        local_rejects.push_back(dom::ToRowError(csv.line, row.error()));
        continue;
      }
      *request.mutable_row() = RowMessage(csv.line, row.value());
    } else {
      auto row = dom::ParsePolicyRow(columns.value(), csv);
      if (!row.ok()) {
        local_rejects.push_back(dom::ToRowError(csv.line, row.error()));
        continue;
      }
      *request.mutable_row() = RowMessage(csv.line, row.value());
    }
    open = writer->Write(request);
    progress.Update(file, rows);
  }
  writer->WritesDone();
  const grpc::Status status = writer->Finish();
  progress.Done();
  Check(status);

  // The service reports the rows it saw; add the ones rejected here, in line order.
  for (const auto& reject : local_rejects) {
    auto* line = response.add_lines();
    line->set_line_number(reject.line);
    line->set_outcome(cv1::IMPORT_LINE_OUTCOME_REJECTED);
    auto* violation = line->add_violations();
    violation->set_field(reject.field);
    violation->set_reason(reject.reason);
  }
  std::stable_sort(response.mutable_lines()->begin(), response.mutable_lines()->end(),
                   [](const auto& a, const auto& b) { return a.line_number() < b.line_number(); });
  response.set_rows_total(rows);
  response.set_rows_rejected(response.rows_rejected() + static_cast<int64_t>(local_rejects.size()));

  if (session.json) {
    PrintJson(ToJson(response));
  } else {
    for (const auto& line : response.lines()) {
      if (line.outcome() != cv1::IMPORT_LINE_OUTCOME_REJECTED) {
        continue;
      }
      for (const auto& violation : line.violations()) {
        std::cout << "line " << line.line_number() << ": " << violation.field() << ": " << violation.reason() << '\n';
      }
    }
    std::cout << "imported " << response.rows_created() << ", merged " << response.rows_merged() << ", rejected "
              << response.rows_rejected() << " (unchanged " << response.rows_unchanged() << ", " << rows
              << " rows read)\n";
  }
  return response.rows_rejected() > 0 ? 3 : 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, Session& session) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand("import", "import a DMS export (CSV as Excel writes it)");
  import->add_option("KIND", args->kind, "deliveries | visits | policies")
      ->required()
      ->check(CLI::IsMember({"deliveries", "visits", "policies"}));
  import->add_option("FILE", args->file, "the CSV file")->required()->check(CLI::ExistingFile);
  import->add_option("--store", args->store, "the store the file belongs to")->required();
  import->add_option("--encoding", args->encoding, "auto | utf-8 | gbk")
      ->check(CLI::IsMember({"auto", "utf-8", "gbk"}));
  import->add_option("--mapping", args->mapping, "YAML file: column header → field (name, mobile, vin …)")
      ->check(CLI::ExistingFile);
  import->callback([&session, args] { session.action = [&session, args] { return RunImport(session, *args);
};
}  // namespace careloop::ctl
);
}

}  // namespace careloop::ctl
