// ChildProcess: a test's child program (fork + exec), its stdout read through
// a pipe and its stderr kept in a file, so a test can kill it at a chosen
// moment and still learn everything it printed before dying.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace guanxi::crash {

class ChildProcess {
 public:
  // Starts `program` with `args` (argv[1..]); stderr goes to `stderr_file`.
  // Throws std::runtime_error if it cannot be started.
  ChildProcess(const std::string& program, const std::vector<std::string>& args,
               const std::filesystem::path& stderr_file);
  // Kills and reaps the child if it is still running.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Reads stdout until `deadline` or end of file; returns false at end of file.
  bool read_until(std::chrono::steady_clock::time_point deadline);
  // Reads stdout until a full line has arrived, `deadline` passes or the
  // output ends; returns whether a line has arrived (now or before).
  bool wait_for_line(std::chrono::steady_clock::time_point deadline);
  // Sends `signal`, then reads the rest of stdout and reaps the child.
  void kill_and_wait(int signal);
  // Waits for the child to exit by itself, reading stdout meanwhile.
  void wait();

  // Everything read from stdout so far, and its complete lines.
  const std::string& output() const { return output_; }
  std::vector<std::string> lines() const;
  // The raw status from waitpid (valid after kill_and_wait or wait).
  int status() const { return status_; }
  bool killed_by(int signal) const;
  bool exited_cleanly() const;
  // Text of the stderr file, for failure messages.
  std::string error_output() const;
  // Describes how the child ended, e.g. "exit 2" or "signal 9".
  std::string describe_end() const;

 private:
  // Reads stdout until `deadline`, end of file or (if `stop_at_line`) a
  // complete line in output(); returns false at end of file.
  bool read(std::chrono::steady_clock::time_point deadline, bool stop_at_line);
  void reap();
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  int status_ = 0;
  std::string output_;
  std::filesystem::path stderr_file_;
};

}  // namespace guanxi::crash
