#include "shell/interrupt.h"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace guanxi::shell {

namespace {

std::mutex g_mutex;  // guards g_session against the watcher using it while it is reset
Session* g_session = nullptr;
std::atomic<bool> g_exit_when_idle{false};

void watch(sigset_t set) {
  while (true) {
    int signal = 0;
    if (sigwait(&set, &signal) != 0) continue;
    std::lock_guard lock(g_mutex);
    if (g_session) {
      g_session->cancel();
    } else if (g_exit_when_idle) {
      _exit(130);
    }
  }
}

}  // namespace

void install_interrupt_watcher(bool exit_when_idle) {
  g_exit_when_idle = exit_when_idle;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::thread(watch, set).detach();
}

CancelOnInterrupt::CancelOnInterrupt(Session& session) {
  std::lock_guard lock(g_mutex);
  g_session = &session;
}

CancelOnInterrupt::~CancelOnInterrupt() {
  std::lock_guard lock(g_mutex);
  g_session = nullptr;
}

}  // namespace guanxi::shell
