// MemoryLease: what a worker holds for member buffers is taken from its
// budget and given back exactly, however the holder's scope ends.
#include "content/memory_lease.h"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace mamori::content;

TEST_CASE("MemoryLease: a lease holds its bytes until it goes out of scope") {
  MemoryBudget budget(1000);
  {
    MemoryLease outer(budget, 300);
    CHECK(outer.held() == 300);
    CHECK(budget.left() == 700);
    {
      MemoryLease inner(budget, 200);
      CHECK(budget.left() == 500);
    }
    CHECK(budget.left() == 700);
  }
  CHECK(budget.left() == 1000);
}

TEST_CASE(
    "MemoryLease: asking for more than is left takes, and returns, only "
    "what was left") {
  MemoryBudget budget(1000);
  MemoryLease first(budget, 900);
  {
    MemoryLease greedy(budget, 5000);
    CHECK(greedy.held() == 100);
    CHECK(budget.left() == 0);
  }
  // Giving back 5000 here would let the next member exceed the limit.
  CHECK(budget.left() == 100);
}

TEST_CASE("MemoryLease: the bytes come back when the holder throws") {
  MemoryBudget budget(1000);
  try {
    MemoryLease lease(budget, 400);
    throw std::runtime_error("bad_alloc in a nested member");
  } catch (const std::runtime_error&) {
  }
  CHECK(budget.left() == 1000);
}

TEST_CASE("MemoryBudget: reset starts a new file with the whole budget") {
  MemoryBudget budget(1000);
  {
    MemoryLease lease(budget, 1000);
    CHECK(budget.left() == 0);
  }
  budget.reset(64);
  CHECK(budget.left() == 64);
  MemoryLease lease(budget, 0);
  CHECK(lease.held() == 0);
  CHECK(budget.left() == 64);
}
