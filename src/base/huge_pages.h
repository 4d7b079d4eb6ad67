// Transparent huge pages for the heap.
//
// On the virtual machines this product runs on, the first touch of each fresh 4 KB page of
// memory costs about 15 µs: 76 MB of new memory takes 250 to 340 ms to fault in, against about
// 14 ms on 2 MB pages (measured; docs/performance.md). Loading a snapshot and building the
// engine's item rows allocate gigabytes, so this dominates cold runs. glibc backs its heap with
// huge pages when its tunable glibc.malloc.hugetlb=1 is set, and reads tunables only when a
// program starts; UseHugePages() therefore sets it and starts the program again, once.
#pragma once

namespace probation {

// Call first in main(). Re-executes the program with glibc.malloc.hugetlb=1 added to
// GLIBC_TUNABLES, unless it is already there or PROBATION_HUGE_PAGES=0 is set; returns (and
// the program runs as it is) when re-executing is not possible.
void UseHugePages(char** argv);

}  // namespace probation
