#include "tests/storage/crash/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace guanxi::crash {

ChildProcess::ChildProcess(const std::string& program, const std::vector<std::string>& args,
                           const std::filesystem::path& stderr_file)
    : stderr_file_(stderr_file) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  }
  const int err_fd = ::open(stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (err_fd < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error("cannot create " + stderr_file.string());
  }
  // Build argv before forking: the child may only call async-signal-safe
  // functions until exec.
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(program.c_str()));
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    ::close(err_fd);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid_ == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    ::execv(program.c_str(), argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  ::close(err_fd);
  stdout_fd_ = fds[0];
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    reap();
  }
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
}

bool ChildProcess::read_until(std::chrono::steady_clock::time_point deadline) {
  return read(deadline, /*stop_at_line=*/false);
}

bool ChildProcess::wait_for_line(std::chrono::steady_clock::time_point deadline) {
  read(deadline, /*stop_at_line=*/true);
  return output_.find('\n') != std::string::npos;
}

bool ChildProcess::read(std::chrono::steady_clock::time_point deadline, bool stop_at_line) {
  char buf[4096];
  while (stdout_fd_ >= 0) {
    if (stop_at_line && output_.find('\n') != std::string::npos) return true;
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return true;
    // Round up, so a deadline less than a millisecond away still waits.
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - now);
    pollfd p{stdout_fd_, POLLIN, 0};
    const int rc = ::poll(&p, 1, static_cast<int>(left.count()));
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) continue;  // timed out: the loop ends at the deadline check
    const ssize_t n = ::read(stdout_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ::close(stdout_fd_);
      stdout_fd_ = -1;
      return false;
    }
    output_.append(buf, static_cast<std::size_t>(n));
  }
  return false;
}

void ChildProcess::kill_and_wait(int signal) {
  if (pid_ > 0) ::kill(pid_, signal);
  wait();
}

void ChildProcess::wait() {
  // The pipe closes when the child is gone (no grandchildren hold it).
  while (read_until(std::chrono::steady_clock::now() + std::chrono::seconds(1))) {
  }
  reap();
}

void ChildProcess::reap() {
  if (pid_ <= 0) return;
  while (::waitpid(pid_, &status_, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
}

std::vector<std::string> ChildProcess::lines() const {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = output_.find('\n', start)) != std::string::npos; start = nl + 1) {
    out.push_back(output_.substr(start, nl - start));
  }
  return out;
}

bool ChildProcess::killed_by(int signal) const {
  return WIFSIGNALED(status_) && WTERMSIG(status_) == signal;
}

bool ChildProcess::exited_cleanly() const {
  return WIFEXITED(status_) && WEXITSTATUS(status_) == 0;
}

std::string ChildProcess::error_output() const {
  std::ifstream in(stderr_file_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string ChildProcess::describe_end() const {
  if (WIFEXITED(status_)) return "exit " + std::to_string(WEXITSTATUS(status_));
  if (WIFSIGNALED(status_)) return "signal " + std::to_string(WTERMSIG(status_));
  return "status " + std::to_string(status_);
}

}  // namespace guanxi::crash
