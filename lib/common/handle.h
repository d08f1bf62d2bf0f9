// Owning smart pointers for C library handles (libyara, libarchive, libevtx,
// iconv, OpenSSL). Own a handle in the statement right after creating it.
#pragma once

#include <memory>

namespace mamori {

template <auto FreeFn>
struct CFree {
  template <typename T>
  void operator()(T* p) const noexcept {
    if (p != nullptr)
      FreeFn(p);
  }
};

template <typename T, auto FreeFn>
using CHandle = std::unique_ptr<T, CFree<FreeFn>>;

}  // namespace mamori
