// What every fuzz target shares. A target feeds the bytes to one reader or parser of input a
// person or an attacker controls; the reader may refuse them with the exception it documents
// (a located error), never crash, hang, overflow the stack or leak. Any other exception is a
// bug too: it would reach the user as an unexplained failure, so it aborts the run.
//
// Built two ways (tests/fuzz/CMakeLists.txt): with clang-19 -fsanitize=fuzzer,address,undefined
// as libFuzzer targets (tools/test.sh runs each for a bounded time), and, in every build, with
// replay_main.cpp as replay programs that run the seed corpus and the regression inputs (every
// input that once crashed) through the same function as ordinary tests.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>

namespace sqlmodel::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Runs `body`; an exception of type Refusal is the documented answer to bad input, anything
// else aborts (libFuzzer records the input as a crash).
template <typename Refusal, typename Body>
void expect_only(Body&& body) {
  try {
    body();
  } catch (const Refusal&) {
  } catch (const std::exception& error) {
    std::fprintf(stderr, "unexpected exception: %s\n", error.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "unexpected non-standard exception\n");
    std::abort();
  }
}

}  // namespace sqlmodel::fuzz
