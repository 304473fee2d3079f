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
#include "services/customers/adapters/proto_mapping.h"
#include "services/customers/domain/dms_import.h"
#include "tools/careloopctl/commands.h"
#include "tools/careloopctl/customer_views.h"
#include "tools/careloopctl/errors.h"
#include "tools/careloopctl/format.h"

namespace careloop::ctl {
namespace {

namespace cv1 = careloop::customer::v1;
namespace dom = careloop::customers::domain;
namespace adapters = careloop::customers::adapters;

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
  const auto known_kind = adapters::kImportKinds.FromWord(args.kind);
  if (!known_kind) {
    throw UsageError("KIND is one of " + JoinWords(adapters::kImportKinds.Words(), ", ") + ", got: " + args.kind);
  }
  const dom::ImportKind kind = *known_kind;
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
  // Columns this kind of import does not read are named in the summary, never dropped silently.
  const std::vector<std::string> ignored = dom::IgnoredColumns(kind, header_record->value().fields, columns.value());

  // The report lists every line (created ones too): a large file's report may exceed gRPC's
  // default 4 MB message limit, so this call takes any size.
  grpc::ChannelArguments channel_args;
  channel_args.SetMaxReceiveMessageSize(-1);
  auto stub = cv1::CustomersService::NewStub(grpc::CreateCustomChannel(
      session.endpoints().Require(kCustomersAddr), grpc::InsecureChannelCredentials(), channel_args));
  auto context = session.NewContext();
  context->set_deadline(std::chrono::system_clock::time_point::max());  // an import takes as long as it takes
  cv1::ImportRowsResponse response;
  auto writer = stub->ImportRows(context.get(), &response);
  cv1::ImportRowsRequest request;
  auto* header = request.mutable_header();
  header->set_store_id(args.store);
  header->set_kind(ProtoOfWord(adapters::kImportKinds, args.kind));
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
      *request.mutable_row() = adapters::ToProto(csv.line, row.value());
    } else if (kind == dom::ImportKind::kVisits) {
      auto row = dom::ParseVisitRow(columns.value(), csv, kNoFutureCheck);
      if (!row.ok()) {
        local_rejects.push_back(dom::ToRowError(csv.line, row.error()));
        continue;
      }
      *request.mutable_row() = adapters::ToProto(csv.line, row.value());
    } else {
      auto row = dom::ParsePolicyRow(columns.value(), csv);
      if (!row.ok()) {
        local_rejects.push_back(dom::ToRowError(csv.line, row.error()));
        continue;
      }
      *request.mutable_row() = adapters::ToProto(csv.line, row.value());
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
    Json report = ToJson(response);
    report["ignored_columns"] = ignored;
    PrintJson(report);
  } else {
    // Every line in order: what a created, merged or unchanged line made or matched, and why a
    // rejected line was rejected.
    for (const auto& line : response.lines()) {
      if (line.outcome() == cv1::IMPORT_LINE_OUTCOME_REJECTED) {
        for (const auto& violation : line.violations()) {
          std::cout << "line " << line.line_number() << ": " << violation.field() << ": " << violation.reason() << '\n';
        }
        continue;
      }
      std::cout << "line " << line.line_number() << ": "
                << ShortEnumName(cv1::ImportLineOutcome_Name(line.outcome()), "IMPORT_LINE_OUTCOME_") << " — customer "
                << OrDash(line.customer_id()) << ", vehicle " << OrDash(line.vehicle_id()) << '\n';
    }
    std::cout << "imported " << response.rows_created() << ", merged " << response.rows_merged() << ", rejected "
              << response.rows_rejected() << " (unchanged " << response.rows_unchanged() << ", " << rows
              << " rows read)\n";
    if (!ignored.empty()) {
      std::cout << "ignored columns: " << JoinWords(ignored, ", ") << " (not read by a " << args.kind
                << " import; map them with --mapping if they belong to a field)\n";
    }
  }
  return response.rows_rejected() > 0 ? 3 : 0;
}

}  // namespace

void AddImportCommand(CLI::App& app, Session& session) {
  auto args = std::make_shared<ImportArgs>();
  auto* import = app.add_subcommand("import", "import a DMS export (CSV as Excel writes it)");
  import->add_option("KIND", args->kind, JoinWords(adapters::kImportKinds.Words(), " | "))
      ->required()
      ->check(CLI::IsMember(adapters::kImportKinds.Words()));
  import->add_option("FILE", args->file, "the CSV file")->required()->check(CLI::ExistingFile);
  import->add_option("--store", args->store, "the store the file belongs to")->required();
  import->add_option("--encoding", args->encoding, "auto | utf-8 | gbk")
      ->check(CLI::IsMember({"auto", "utf-8", "gbk"}));
  import->add_option("--mapping", args->mapping, "YAML file: column header → field (name, mobile, vin …)")
      ->check(CLI::ExistingFile);
  import->callback([&session, args] {
    session.action = [&session, args] { return RunImport(session, *args);
};
}  // namespace careloop::ctl
);
}

}  // namespace careloop::ctl
