// An allocator whose value-less construct default-initializes: a vector of
// trivial elements grows by resize() without zeroing them. For large arrays
// that are sized first and then written in full, the zeroing would be a
// wasted pass over fresh pages, on one thread, before the real writes.
#pragma once

#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace guanxi::storage {

template <typename T>
class DefaultInitAllocator : public std::allocator<T> {
 public:
  template <typename U>
  struct rebind {
    using other = DefaultInitAllocator<U>;
  };

  DefaultInitAllocator() = default;
  template <typename U>
  DefaultInitAllocator(const DefaultInitAllocator<U>&) noexcept {}

  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    std::allocator_traits<std::allocator<T>>::construct(static_cast<std::allocator<T>&>(*this), p,
                                                        std::forward<Args>(args)...);
  }
};

}  // namespace guanxi::storage
