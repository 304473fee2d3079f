#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace careloop::metrics {

/// A monotonically increasing count. Lock-free.
class Counter final {
 public:
  void Increment(uint64_t by = 1) { value_.fetch_add(by, std::memory_order_relaxed); }
  [[nodiscard]] uint64_t Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

/// Latencies in seconds, with fixed Prometheus buckets.
class Histogram final {
 public:
  explicit Histogram(std::vector<double> bounds);
  void Observe(double seconds);
  /// Cumulative counts per bound (+Inf last), sum and count.
  void Snapshot(std::vector<uint64_t>& cumulative, double& sum, uint64_t& count) const;
  [[nodiscard]] const std::vector<double>& bounds() const { return bounds_; }

 private:
  std::vector<double> bounds_;
  mutable std::mutex mutex_;
  std::vector<uint64_t> counts_;
  double sum_ = 0;
  uint64_t count_ = 0;
};

/// The metrics of one process, rendered in the Prometheus text exposition format (0.0.4).
/// There is no Prometheus client library in Debian; this covers what we expose.
class Registry final {
 public:
  /// The same (name, labels) always returns the same metric. `labels` like {{"topic","x"}}.
  Counter& GetCounter(const std::string& name, const std::string& help,
                      const std::map<std::string, std::string>& labels = {});
  Histogram& GetHistogram(const std::string& name, const std::string& help,
                          const std::map<std::string, std::string>& labels = {});
  /// A gauge read when scraped.
  void AddGauge(const std::string& name, const std::string& help, std::function<double()> read);

  [[nodiscard]] std::string Render() const;

 private:
  struct Family {
    std::string help;
    std::string type;
    std::map<std::string, std::unique_ptr<Counter>> counters;      // by rendered label set
    std::map<std::string, std::unique_ptr<Histogram>> histograms;  // by rendered label set
    std::function<double()> gauge;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Family> families_;
};

/// Serves GET /metrics (and /healthz) over HTTP on its own thread.
class HttpEndpoint final {
 public:
  /// `listen` is "host:port" (port 0 picks a free one). Throws std::runtime_error if it cannot bind.
  HttpEndpoint(const Registry& registry, const std::string& listen);
  ~HttpEndpoint();
  [[nodiscard]] int port() const { return port_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  int port_ = 0;
};

}  // namespace careloop::metrics
