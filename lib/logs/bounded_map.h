// BoundedMap and BoundedSet: state a parser keeps between lines (devices
// seen, pending deletes, ports, mounts), bounded because a hostile or huge
// log could otherwise grow it without end. When one holds `Capacity`
// entries and a new key comes, it is emptied first: old state is forgotten
// (a later event may miss its context) but memory never grows. A key that
// is already held is updated in place and never empties it.
#pragma once

#include <cstddef>
#include <map>
#include <set>

namespace mamori::logs {

inline constexpr size_t kBoundedEntries = 4096;

template <typename Container, size_t Capacity>
class Bounded {
 public:
  using key_type = typename Container::key_type;
  using iterator = typename Container::iterator;
  using const_iterator = typename Container::const_iterator;

  // True when adding `key` would empty the container first (callers with
  // state to flush do it then).
  bool clears_for(const key_type& key) const {
    return items_.size() >= Capacity && !items_.contains(key);
  }

  // The value at `key`, made if absent (maps).
  auto& operator[](const key_type& key) {
    make_room(key);
    return items_[key];
  }
  // Adds `key`; false when it was already there (sets).
  bool insert(const key_type& key) {
    make_room(key);
    return items_.insert(key).second;
  }

  iterator find(const key_type& key) { return items_.find(key); }
  const_iterator find(const key_type& key) const { return items_.find(key); }
  bool contains(const key_type& key) const { return items_.contains(key); }
  iterator erase(iterator it) { return items_.erase(it); }
  iterator begin() { return items_.begin(); }
  iterator end() { return items_.end(); }
  const_iterator begin() const { return items_.begin(); }
  const_iterator end() const { return items_.end(); }
  size_t size() const { return items_.size(); }
  bool empty() const { return items_.empty(); }
  void clear() { items_.clear(); }

  static constexpr size_t capacity() { return Capacity; }

 private:
  void make_room(const key_type& key) {
    if (clears_for(key))
      items_.clear();
  }

  Container items_;
};

template <typename Key, typename Value, size_t Capacity = kBoundedEntries>
using BoundedMap = Bounded<std::map<Key, Value>, Capacity>;

template <typename Key, size_t Capacity = kBoundedEntries>
using BoundedSet = Bounded<std::set<Key>, Capacity>;

}  // namespace mamori::logs
