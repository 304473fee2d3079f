#include "common/kafka/producer.h"

#include <condition_variable>
#include <cstdlib>
#include <future>

#include "common/log/log.h"

namespace careloop::kafka {

rd_kafka_conf_t* MakeConf(const config::KafkaSettings& settings, const std::map<std::string, std::string>& defaults) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  std::map<std::string, std::string> all = defaults;
  all["bootstrap.servers"] = settings.brokers;
  for (const auto& [key, value] : settings.librdkafka) {
    all[key] = value;
  }
  char error[512];
  for (const auto& [key, value] : all) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof error) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw config::ConfigError("kafka.librdkafka." + key, error);
    }
  }
  return conf;
}

Producer::Producer(const config::KafkaSettings& settings, const std::string& client_id) {
  rd_kafka_conf_t* conf = MakeConf(settings, {
                                                 {"client.id", client_id},
                                                 {"enable.idempotence", "true"},
                                                 {"acks", "all"},
                                                 {"linger.ms", "5"},
                                                 {"message.timeout.ms", "30000"},
                                             });
  rd_kafka_conf_set_dr_msg_cb(conf, &Producer::OnDelivery);
  rd_kafka_conf_set_error_cb(conf, &Producer::OnError);
  char error[512];
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw std::runtime_error(std::string("kafka producer: ") + error);
  }
  handle_.reset(rk);
  delivery_thread_ = std::thread([this] {
    while (running_.load()) {
      rd_kafka_poll(handle_.get(), 100);
    }
  });
}

Producer::~Producer() {
  Flush(Millis{5000});
  running_.store(false);
  delivery_thread_.join();
  // Anything still queued gets its callback with an error when the handle is destroyed.
  rd_kafka_purge(handle_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
  rd_kafka_poll(handle_.get(), 0);
}

void Producer::OnDelivery(rd_kafka_t* /*rk*/, const rd_kafka_message_t* message, void* /*opaque*/) {
  std::unique_ptr<DeliveryCallback> callback(static_cast<DeliveryCallback*>(message->_private));
  if (!callback) {
    return;
  }
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    (*callback)(Ok{});
  } else {
    (*callback)(Error{ErrorCode::kUnavailable, "", rd_kafka_err2str(message->err)});
  }
}

void Producer::OnError(rd_kafka_t* rk, int err, const char* reason, void* /*opaque*/) {
  if (err == RD_KAFKA_RESP_ERR__FATAL) {
    char fatal[512];
    rd_kafka_fatal_error(rk, fatal, sizeof fatal);
    // An idempotent producer that hit a fatal error cannot guarantee order any more. Exit and
    // let the supervisor restart us: the outbox still holds every unacknowledged event.
    log::Error("kafka producer fatal error, exiting", {{"reason", fatal}});
    std::_Exit(70);
  }
  log::Warn("kafka producer error",
            {{"error", rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err))}, {"reason", reason}});
}

Status Producer::Produce(const std::string& topic, const CloudEvent& event, DeliveryCallback on_delivery) {
  rd_kafka_headers_t* headers = rd_kafka_headers_new(8);
  for (const auto& [name, value] : ToHeaders(event)) {
    rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value.data(),
                        static_cast<ssize_t>(value.size()));
  }
  auto callback = std::make_unique<DeliveryCallback>(std::move(on_delivery));
  const rd_kafka_resp_err_t err =
      rd_kafka_producev(handle_.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                        RD_KAFKA_V_KEY(event.key.data(), event.key.size()),
                        RD_KAFKA_V_VALUE(const_cast<char*>(event.data.data()), event.data.size()),
                        RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(callback.get()), RD_KAFKA_V_END);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_headers_destroy(headers);  // ownership passes to librdkafka only on success
    const bool retryable = err == RD_KAFKA_RESP_ERR__QUEUE_FULL;
    return Error{retryable ? ErrorCode::kUnavailable : ErrorCode::kInternal, "", rd_kafka_err2str(err)};
  }
  callback.release();  // OnDelivery owns it now
  return Ok{};
}

Status Producer::ProduceAndWait(const std::string& topic, const CloudEvent& event, Millis timeout) {
  auto promise = std::make_shared<std::promise<Status>>();
  auto future = promise->get_future();
  Status enqueued = Produce(topic, event, [promise](const Status& status) { promise->set_value(status); });
  if (!enqueued.ok()) {
    return enqueued;
  }
  if (future.wait_for(timeout) != std::future_status::ready) {
    return Error{ErrorCode::kUnavailable, "", "no delivery report within the time-out"};
  }
  return future.get();
}

bool Producer::Flush(Millis timeout) {
  return rd_kafka_flush(handle_.get(), static_cast<int>(timeout.count())) == RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace careloop::kafka
