#include "common/metrics/metrics.h"

#include <httplib.h>

#include "common/http/http_listener.h"

#include <atomic>
#include <sstream>
#include <stdexcept>

namespace careloop::metrics {
namespace {

std::string EscapeLabel(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out.push_back('\\');
      out.push_back(c);
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string RenderLabels(const std::map<std::string, std::string>& labels) {
  if (labels.empty()) {
    return {};
  }
  std::string out = "{";
  for (const auto& [key, value] : labels) {
    if (out.size() > 1) {
      out += ",";
    }
    out += key + "=\"" + EscapeLabel(value) + "\"";
  }
  return out + "}";
}

// Adds one label to an already rendered label set ("" or "{a=\"b\"}").
std::string WithLabel(const std::string& rendered, const std::string& label) {
  if (rendered.empty()) {
    return "{" + label + "}";
  }
  return rendered.substr(0, rendered.size() - 1) + "," + label + "}";
}

std::string FormatDouble(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

}  // namespace

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)), counts_(bounds_.size() + 1, 0) {}

void Histogram::Observe(double seconds) {
  std::lock_guard lock(mutex_);
  size_t i = 0;
  while (i < bounds_.size() && seconds > bounds_[i]) {
    ++i;
  }
  ++counts_[i];
  sum_ += seconds;
  ++count_;
}

void Histogram::Snapshot(std::vector<uint64_t>& cumulative, double& sum, uint64_t& count) const {
  std::lock_guard lock(mutex_);
  cumulative.assign(counts_.size(), 0);
  uint64_t running = 0;
  for (size_t i = 0; i < counts_.size(); ++i) {
    running += counts_[i];
    cumulative[i] = running;
  }
  sum = sum_;
  count = count_;
}

Counter& Registry::GetCounter(const std::string& name, const std::string& help,
                              const std::map<std::string, std::string>& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  family.help = help;
  family.type = "counter";
  auto& slot = family.counters[RenderLabels(labels)];
  if (!slot) {
    slot = std::make_unique<Counter>();
  }
  return *slot;
}

Histogram& Registry::GetHistogram(const std::string& name, const std::string& help,
                                  const std::map<std::string, std::string>& labels) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  family.help = help;
  family.type = "histogram";
  auto& slot = family.histograms[RenderLabels(labels)];
  if (!slot) {
    slot = std::make_unique<Histogram>(
        std::vector<double>{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10});
  }
  return *slot;
}

void Registry::AddGauge(const std::string& name, const std::string& help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  Family& family = families_[name];
  family.help = help;
  family.type = "gauge";
  family.gauge = std::move(read);
}

std::string Registry::Render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& [name, family] : families_) {
    out += "# HELP " + name + " " + family.help + "\n# TYPE " + name + " " + family.type + "\n";
    for (const auto& [labels, counter] : family.counters) {
      out += name + labels + " " + std::to_string(counter->Value()) + "\n";
    }
    for (const auto& [labels, histogram] : family.histograms) {
      std::vector<uint64_t> cumulative;
      double sum = 0;
      uint64_t count = 0;
      histogram->Snapshot(cumulative, sum, count);
      for (size_t i = 0; i < cumulative.size(); ++i) {
        const std::string le = i < histogram->bounds().size() ? FormatDouble(histogram->bounds()[i]) : "+Inf";
        out += name + "_bucket" + WithLabel(labels, "le=\"" + le + "\"") + " " + std::to_string(cumulative[i]) + "\n";
      }
      out += name + "_sum" + labels + " " + FormatDouble(sum) + "\n";
      out += name + "_count" + labels + " " + std::to_string(count) + "\n";
    }
    if (family.gauge) {
      out += name + " " + FormatDouble(family.gauge()) + "\n";
    }
  }
  return out;
}

struct HttpEndpoint::Impl {
  httplib::Server server;
  http::HttpListener listener{server};
};

HttpEndpoint::HttpEndpoint(const Registry& registry, const std::string& listen) : impl_(std::make_unique<Impl>()) {
  const auto colon = listen.rfind(':');
  const std::string host = listen.substr(0, colon);
  const int requested = std::stoi(listen.substr(colon + 1));
  impl_->server.Get("/metrics", [&registry](const httplib::Request&, httplib::Response& response) {
    response.set_content(registry.Render(), "text/plain; version=0.0.4");
  });
  impl_->server.Get("/healthz", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("ok\n", "text/plain");
  });
  port_ = impl_->listener.Start(host, requested);
  if (port_ <= 0) {
    throw std::runtime_error("metrics: cannot listen on " + listen);
  }
}

HttpEndpoint::~HttpEndpoint() {
  impl_->listener.Stop();
}

}  // namespace careloop::metrics
