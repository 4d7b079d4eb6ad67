// FlatHashSet64: a set of 64-bit hashes with open addressing and linear probing, for
// membership tests over tens of millions of keys without a heap node per key (8 bytes a slot,
// at most half full). Not thread-safe.
#pragma once

#include <cstdint>
#include <vector>

namespace probation {

class FlatHashSet64 {
 public:
  // Adds `hash`; returns false if it was already present.
  bool Insert(uint64_t hash) {
    if (hash == 0) hash = 1;  // 0 marks an empty slot
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    const size_t mask = slots_.size() - 1;
    for (size_t i = Mix(hash) & mask;; i = (i + 1) & mask) {
      if (slots_[i] == hash) return false;
      if (slots_[i] == 0) {
        slots_[i] = hash;
        ++size_;
        return true;
      }
    }
  }

  size_t size() const { return size_; }

 private:
  // Spreads the bits so that hashes differing only in high bits land apart.
  static uint64_t Mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
  }

  void Grow() {
    std::vector<uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, 0);
    size_ = 0;
    for (uint64_t h : old) {
      if (h != 0) Insert(h);
    }
  }

  std::vector<uint64_t> slots_;
  size_t size_ = 0;
};

}  // namespace probation
