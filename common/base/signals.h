#pragma once

namespace careloop {

/// Blocks SIGTERM and SIGINT in the calling thread and every thread it starts afterwards.
/// Call first thing in main, before any thread exists.
void BlockTerminationSignals();

/// Waits until SIGTERM or SIGINT arrives; returns the signal number.
int WaitForTerminationSignal();

}  // namespace careloop
