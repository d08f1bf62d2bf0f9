// BoundedQueue: order kept, a full queue makes the producer wait, close()
// drains, cancel() releases blocked producers and consumers at once.
#include "common/bounded_queue.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

using namespace mamori;
using namespace std::chrono_literals;

TEST_CASE("BoundedQueue: values arrive in order, then the end after close") {
  BoundedQueue<std::string> q(2);
  std::jthread producer([&] {
    for (int i = 0; i < 1000; ++i)
      REQUIRE(q.push(std::to_string(i)));
    q.close();
  });
  int expected = 0;
  while (auto v = q.pop())
    CHECK(*v == std::to_string(expected++));
  CHECK(expected == 1000);
  CHECK(!q.pop());  // stays at its end
}

TEST_CASE("BoundedQueue: a full queue holds the producer back") {
  BoundedQueue<int> q(3);
  std::atomic<int> pushed{0};
  std::jthread producer([&] {
    for (int i = 0; i < 10; ++i) {
      if (!q.push(int(i)))
        return;
      ++pushed;
    }
  });
  std::this_thread::sleep_for(50ms);
  CHECK(pushed == 3);  // waits for room, never more than the capacity
  CHECK(q.pop() == 0);
  std::this_thread::sleep_for(50ms);
  CHECK(pushed == 4);
  q.cancel();
}

TEST_CASE("BoundedQueue: cancel releases a waiting producer and consumer") {
  BoundedQueue<int> full(1);
  REQUIRE(full.push(1));
  std::atomic<bool> push_result{true};
  std::jthread producer([&] { push_result = full.push(2); });
  BoundedQueue<int> empty(1);
  std::atomic<bool> popped_something{true};
  std::jthread consumer([&] { popped_something = empty.pop().has_value(); });
  std::this_thread::sleep_for(20ms);
  full.cancel();
  empty.cancel();
  producer.join();
  consumer.join();
  CHECK_FALSE(push_result);
  CHECK_FALSE(popped_something);
  CHECK(!full.pop());  // what was queued is dropped
  CHECK_FALSE(full.push(3));
}

TEST_CASE("BoundedQueue: no push after close") {
  BoundedQueue<int> q(4);
  REQUIRE(q.push(1));
  q.close();
  CHECK_FALSE(q.push(2));
  CHECK(q.pop() == 1);
  CHECK(!q.pop());
}
