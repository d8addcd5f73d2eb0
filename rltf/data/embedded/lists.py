"""List problems (call style)."""

from rltf.data.embedded._define import fn

PROBLEMS = [
    fn(
        "easy",
        "returns the sum of the numbers in the list `nums` (0 for an empty list).",
        """
        def sum_list(nums):
            return sum(nums)
        """,
        """
        sum_list([1, 2, 3]) == 6
        sum_list([]) == 0
        sum_list([-5]) == -5
        sum_list([10, -10, 7]) == 7
        sum_list([0, 0, 0]) == 0
        sum_list([100, 200, 300, 400]) == 1000
        """,
    ),
    fn(
        "easy",
        "returns the largest number in the non-empty list `nums`.",
        """
        def largest(nums):
            return max(nums)
        """,
        """
        largest([3, 9, 2]) == 9
        largest([5]) == 5
        largest([-4, -2, -8]) == -2
        largest([7, 7, 7]) == 7
        largest([0, -1, 1]) == 1
        largest([1, 2, 3, 100, 4]) == 100
        """,
    ),
    fn(
        "easy",
        "returns the smallest number in the non-empty list `nums`.",
        """
        def smallest(nums):
            return min(nums)
        """,
        """
        smallest([3, 9, 2]) == 2
        smallest([5]) == 5
        smallest([-4, -2, -8]) == -8
        smallest([7, 7, 7]) == 7
        smallest([0, -1, 1]) == -1
        """,
    ),
    fn(
        "easy",
        "returns how many numbers in the list `nums` are even.",
        """
        def count_evens(nums):
            return sum(1 for n in nums if n % 2 == 0)
        """,
        """
        count_evens([1, 2, 3, 4]) == 2
        count_evens([]) == 0
        count_evens([1, 3, 5]) == 0
        count_evens([0]) == 1
        count_evens([-2, -3, 8]) == 2
        count_evens([2, 2, 2, 2, 2]) == 5
        """,
    ),
    fn(
        "easy",
        "returns a new list with the elements of `items` in reverse order.",
        """
        def reverse_list(items):
            return items[::-1]
        """,
        """
        reverse_list([1, 2, 3]) == [3, 2, 1]
        reverse_list([]) == []
        reverse_list([42]) == [42]
        reverse_list(["a", "b"]) == ["b", "a"]
        reverse_list([1, 1, 2]) == [2, 1, 1]
        """,
    ),
    fn(
        "easy",
        "returns a list of the numbers in `nums` that are greater than `limit`, in their original order.",
        """
        def greater_than(nums, limit):
            return [n for n in nums if n > limit]
        """,
        """
        greater_than([1, 5, 2, 8], 3) == [5, 8]
        greater_than([], 0) == []
        greater_than([1, 2], 5) == []
        greater_than([3, 3, 4], 3) == [4]
        greater_than([-1, -5, 0], -2) == [-1, 0]
        """,
    ),
    fn(
        "easy",
        "returns a list where every number of `nums` is doubled.",
        """
        def double_all(nums):
            return [2 * n for n in nums]
        """,
        """
        double_all([1, 2, 3]) == [2, 4, 6]
        double_all([]) == []
        double_all([0]) == [0]
        double_all([-4, 5]) == [-8, 10]
        double_all([100]) == [200]
        """,
    ),
    fn(
        "easy",
        "returns the product of all numbers in the list `nums`. The product of an empty list is 1.",
        """
        def product(nums):
            result = 1
            for n in nums:
                result *= n
            return result
        """,
        """
        product([2, 3, 4]) == 24
        product([]) == 1
        product([7]) == 7
        product([5, 0, 3]) == 0
        product([-2, 3]) == -6
        product([-1, -1, -1, -1]) == 1
        """,
    ),
    fn(
        "easy",
        "returns True if the value `x` appears in the list `items`, otherwise False.",
        """
        def contains(items, x):
            return x in items
        """,
        """
        contains([1, 2, 3], 2) == True
        contains([1, 2, 3], 4) == False
        contains([], 1) == False
        contains(["a", "b"], "b") == True
        contains([0], 0) == True
        """,
    ),
    fn(
        "easy",
        "returns the average of the numbers in `nums` rounded to 2 decimal places, or 0 for an empty list.",
        """
        def average(nums):
            return round(sum(nums) / len(nums), 2) if nums else 0
        """,
        """
        average([1, 2, 3, 4]) == 2.5
        average([]) == 0
        average([5]) == 5.0
        average([1, 2]) == 1.5
        average([1, 1, 2]) == 1.33
        average([-3, 3]) == 0.0
        """,
    ),
    fn(
        "easy",
        "returns the list `items` without duplicates, keeping the first occurrence of each value in its "
        "original order.",
        """
        def unique_in_order(items):
            seen = []
            for x in items:
                if x not in seen:
                    seen.append(x)
            return seen
        """,
        """
        unique_in_order([1, 2, 1, 3, 2]) == [1, 2, 3]
        unique_in_order([]) == []
        unique_in_order([5, 5, 5]) == [5]
        unique_in_order(["b", "a", "b"]) == ["b", "a"]
        unique_in_order([3, 2, 1]) == [3, 2, 1]
        """,
    ),
    fn(
        "easy",
        "returns the difference between the largest and the smallest number in `nums`, or 0 for an empty list.",
        """
        def value_range(nums):
            return max(nums) - min(nums) if nums else 0
        """,
        """
        value_range([3, 9, 2]) == 7
        value_range([]) == 0
        value_range([5]) == 0
        value_range([-5, 5]) == 10
        value_range([4, 4, 4]) == 0
        """,
    ),
    fn(
        "easy",
        "returns the index of the first occurrence of `x` in the list `items`, or -1 if `x` is not present.",
        """
        def find_index(items, x):
            return items.index(x) if x in items else -1
        """,
        """
        find_index([4, 5, 6], 5) == 1
        find_index([4, 5, 6], 7) == -1
        find_index([], 1) == -1
        find_index([2, 2, 2], 2) == 0
        find_index(["x", "y"], "y") == 1
        """,
    ),
    fn(
        "easy",
        "returns a list of the squares of the numbers in `nums`.",
        """
        def squares(nums):
            return [n * n for n in nums]
        """,
        """
        squares([1, 2, 3]) == [1, 4, 9]
        squares([]) == []
        squares([-3]) == [9]
        squares([0, 10]) == [0, 100]
        squares([-1, 1]) == [1, 1]
        """,
    ),
    fn(
        "easy",
        "returns the sum of the positive numbers in `nums` (numbers greater than zero).",
        """
        def sum_positive(nums):
            return sum(n for n in nums if n > 0)
        """,
        """
        sum_positive([1, -2, 3]) == 4
        sum_positive([]) == 0
        sum_positive([-1, -2]) == 0
        sum_positive([0, 5]) == 5
        sum_positive([10, 20, -30]) == 30
        """,
    ),
    fn(
        "medium",
        "returns the second largest distinct value in `nums`, or None if there are fewer than two distinct "
        "values.",
        """
        def second_largest(nums):
            values = sorted(set(nums))
            return values[-2] if len(values) >= 2 else None
        """,
        """
        second_largest([4, 1, 7, 3]) == 4
        second_largest([5, 5, 5]) == None
        second_largest([]) == None
        second_largest([2, 9]) == 2
        second_largest([9, 9, 8, 8]) == 8
        second_largest([-1, -5, -3]) == -3
        """,
    ),
    fn(
        "medium",
        "rotates the list `items` to the right by `k` positions: the last `k` elements move to the front. "
        "`k` may be larger than the length of the list; an empty list stays empty.",
        """
        def rotate_right(items, k):
            if not items:
                return []
            k %= len(items)
            return items[len(items) - k :] + items[: len(items) - k]
        """,
        """
        rotate_right([1, 2, 3, 4, 5], 2) == [4, 5, 1, 2, 3]
        rotate_right([1, 2, 3], 0) == [1, 2, 3]
        rotate_right([], 3) == []
        rotate_right([1, 2, 3], 3) == [1, 2, 3]
        rotate_right([1, 2, 3], 4) == [3, 1, 2]
        rotate_right([9], 5) == [9]
        """,
    ),
    fn(
        "medium",
        "splits the list `items` into consecutive chunks of length `size` (the last chunk may be shorter) "
        "and returns the list of chunks. `size` is at least 1.",
        """
        def chunk(items, size):
            return [items[i : i + size] for i in range(0, len(items), size)]
        """,
        """
        chunk([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]
        chunk([], 3) == []
        chunk([1, 2, 3], 1) == [[1], [2], [3]]
        chunk([1, 2, 3], 5) == [[1, 2, 3]]
        chunk([1, 2, 3, 4], 2) == [[1, 2], [3, 4]]
        """,
    ),
    fn(
        "medium",
        "flattens a list of lists `nested` (one level deep) into a single list, keeping the order.",
        """
        def flatten(nested):
            return [x for inner in nested for x in inner]
        """,
        """
        flatten([[1, 2], [3], [4, 5]]) == [1, 2, 3, 4, 5]
        flatten([]) == []
        flatten([[], []]) == []
        flatten([[7]]) == [7]
        flatten([["a"], [], ["b", "c"]]) == ["a", "b", "c"]
        """,
    ),
    fn(
        "medium",
        "returns a list of running totals of `nums`: element i of the result is the sum of `nums[0]` "
        "through `nums[i]`.",
        """
        def running_total(nums):
            out, total = [], 0
            for n in nums:
                total += n
                out.append(total)
            return out
        """,
        """
        running_total([1, 2, 3, 4]) == [1, 3, 6, 10]
        running_total([]) == []
        running_total([5]) == [5]
        running_total([3, -3, 3]) == [3, 0, 3]
        running_total([0, 0, 1]) == [0, 0, 1]
        """,
    ),
    fn(
        "medium",
        "merges two lists `a` and `b` that are each sorted in ascending order into one sorted list.",
        """
        def merge_sorted(a, b):
            out, i, j = [], 0, 0
            while i < len(a) and j < len(b):
                if a[i] <= b[j]:
                    out.append(a[i])
                    i += 1
                else:
                    out.append(b[j])
                    j += 1
            return out + a[i:] + b[j:]
        """,
        """
        merge_sorted([1, 4, 6], [2, 3, 7]) == [1, 2, 3, 4, 6, 7]
        merge_sorted([], []) == []
        merge_sorted([1, 2], []) == [1, 2]
        merge_sorted([], [5]) == [5]
        merge_sorted([1, 1], [1]) == [1, 1, 1]
        merge_sorted([-3, 0], [-5, 10]) == [-5, -3, 0, 10]
        """,
    ),
    fn(
        "medium",
        "returns True if the list `nums` is sorted in non-decreasing order (each element is at least the one "
        "before it). Empty and one-element lists are sorted.",
        """
        def is_non_decreasing(nums):
            return all(nums[i] <= nums[i + 1] for i in range(len(nums) - 1))
        """,
        """
        is_non_decreasing([1, 2, 2, 5]) == True
        is_non_decreasing([3, 1]) == False
        is_non_decreasing([]) == True
        is_non_decreasing([4]) == True
        is_non_decreasing([1, 2, 3, 2]) == False
        is_non_decreasing([-5, -5, 0]) == True
        """,
    ),
    fn(
        "medium",
        "returns a list containing the values that appear in both lists `a` and `b`, without duplicates, "
        "sorted in ascending order.",
        """
        def common_values(a, b):
            return sorted(set(a) & set(b))
        """,
        """
        common_values([1, 2, 3, 4], [3, 4, 5]) == [3, 4]
        common_values([], [1]) == []
        common_values([1, 2], [3, 4]) == []
        common_values([2, 2, 1], [2, 1, 1]) == [1, 2]
        common_values([9, -1], [-1, 9]) == [-1, 9]
        """,
    ),
    fn(
        "medium",
        "returns the largest sum of `k` consecutive numbers in `nums`. Assume 1 <= k <= len(nums).",
        """
        def max_window_sum(nums, k):
            return max(sum(nums[i : i + k]) for i in range(len(nums) - k + 1))
        """,
        """
        max_window_sum([1, 3, 2, 6, 1], 2) == 8
        max_window_sum([5], 1) == 5
        max_window_sum([1, 2, 3], 3) == 6
        max_window_sum([-1, -2, -3], 1) == -1
        max_window_sum([4, -1, 4, -10, 5], 3) == 7
        """,
    ),
    fn(
        "medium",
        "moves all zeros in `nums` to the end of the list while keeping the order of the other numbers, "
        "and returns the new list.",
        """
        def zeros_to_end(nums):
            kept = [n for n in nums if n != 0]
            return kept + [0] * (len(nums) - len(kept))
        """,
        """
        zeros_to_end([4, 0, 0, 2, 7]) == [4, 2, 7, 0, 0]
        zeros_to_end([]) == []
        zeros_to_end([0, 0]) == [0, 0]
        zeros_to_end([1, 2]) == [1, 2]
        zeros_to_end([0, -1]) == [-1, 0]
        """,
    ),
    fn(
        "medium",
        "returns the number that appears most often in `nums`; on a tie return the smallest such number. "
        "Return None for an empty list.",
        """
        def mode(nums):
            if not nums:
                return None
            return min(nums, key=lambda n: (-nums.count(n), n))
        """,
        """
        mode([1, 2, 2, 3]) == 2
        mode([]) == None
        mode([4]) == 4
        mode([3, 1, 3, 1]) == 1
        mode([-2, -2, 5, 5, 5]) == 5
        mode([7, 8, 9]) == 7
        """,
    ),
    fn(
        "easy",
        "returns a new list made of the elements of `a` followed by the elements of `b`, skipping any "
        "element of `b` that is already in `a`.",
        """
        def append_missing(a, b):
            return a + [x for x in b if x not in a]
        """,
        """
        append_missing([1, 2], [2, 3]) == [1, 2, 3]
        append_missing([], []) == []
        append_missing([], [1, 2]) == [1, 2]
        append_missing([1], []) == [1]
        append_missing([1, 2], [1, 2]) == [1, 2]
        """,
    ),
    fn(
        "medium",
        "returns the length of the longest strictly increasing run of consecutive elements in `nums` "
        "(0 for an empty list).",
        """
        def longest_increasing_run(nums):
            best = run = 0
            for i, n in enumerate(nums):
                run = run + 1 if i > 0 and nums[i - 1] < n else 1
                best = max(best, run)
            return best
        """,
        """
        longest_increasing_run([1, 2, 3, 1, 2]) == 3
        longest_increasing_run([]) == 0
        longest_increasing_run([5]) == 1
        longest_increasing_run([3, 3, 3]) == 1
        longest_increasing_run([5, 4, 3]) == 1
        longest_increasing_run([1, 3, 2, 4, 6, 8]) == 4
        """,
    ),
    fn(
        "medium",
        "returns True if any two different positions of `nums` hold numbers that add up to `target`.",
        """
        def has_pair_sum(nums, target):
            seen = set()
            for n in nums:
                if target - n in seen:
                    return True
                seen.add(n)
            return False
        """,
        """
        has_pair_sum([1, 4, 6, 3], 7) == True
        has_pair_sum([1, 2], 4) == False
        has_pair_sum([], 0) == False
        has_pair_sum([5], 10) == False
        has_pair_sum([5, 5], 10) == True
        has_pair_sum([-3, 8, 2], -1) == True
        """,
    ),
    fn(
        "easy",
        "returns the list of numbers from `nums` at odd indexes (1, 3, 5, ...).",
        """
        def odd_positions(nums):
            return nums[1::2]
        """,
        """
        odd_positions([10, 20, 30, 40, 50]) == [20, 40]
        odd_positions([]) == []
        odd_positions([1]) == []
        odd_positions([1, 2]) == [2]
        odd_positions([0, -1, 0, -1]) == [-1, -1]
        """,
    ),
    fn(
        "medium",
        "returns a list of pairs `[a[i], b[i]]` for each position i present in both lists `a` and `b`; "
        "extra elements of the longer list are ignored.",
        """
        def pair_up(a, b):
            return [[x, y] for x, y in zip(a, b)]
        """,
        """
        pair_up([1, 2, 3], ["a", "b", "c"]) == [[1, "a"], [2, "b"], [3, "c"]]
        pair_up([], [1]) == []
        pair_up([1, 2, 3], [4]) == [[1, 4]]
        pair_up([True], [False, True]) == [[True, False]]
        pair_up([0, 0], [0, 1]) == [[0, 0], [0, 1]]
        """,
    ),
    fn(
        "easy",
        "returns how many times the largest value of `nums` occurs in it (0 for an empty list).",
        """
        def count_max(nums):
            return nums.count(max(nums)) if nums else 0
        """,
        """
        count_max([1, 3, 3, 2]) == 2
        count_max([]) == 0
        count_max([5]) == 1
        count_max([-1, -1, -1]) == 3
        count_max([4, 1, 2]) == 1
        """,
    ),
    fn(
        "medium",
        "returns the list of indexes where `nums` has a local peak: an element strictly greater than both of "
        "its neighbours. The first and last elements are never peaks.",
        """
        def peak_indexes(nums):
            return [i for i in range(1, len(nums) - 1) if nums[i - 1] < nums[i] > nums[i + 1]]
        """,
        """
        peak_indexes([1, 3, 2, 5, 4]) == [1, 3]
        peak_indexes([]) == []
        peak_indexes([1, 2]) == []
        peak_indexes([1, 2, 2, 1]) == []
        peak_indexes([3, 2, 1]) == []
        peak_indexes([0, 9, 0, 9, 0]) == [1, 3]
        """,
    ),
    fn(
        "medium",
        "returns the value in `nums` closest to `target`; on a tie return the smaller value. Return None for "
        "an empty list.",
        """
        def closest_value(nums, target):
            if not nums:
                return None
            return min(nums, key=lambda n: (abs(n - target), n))
        """,
        """
        closest_value([1, 5, 9], 6) == 5
        closest_value([], 3) == None
        closest_value([4, 8], 6) == 4
        closest_value([10], -100) == 10
        closest_value([-3, 3, 7], 0) == -3
        closest_value([2, 4, 6], 6) == 6
        """,
    ),
    fn(
        "medium",
        "returns the list `nums` with every element `x` replaced by the count of elements of `nums` that are "
        "strictly smaller than `x`.",
        """
        def smaller_counts(nums):
            return [sum(1 for y in nums if y < x) for x in nums]
        """,
        """
        smaller_counts([3, 1, 2]) == [2, 0, 1]
        smaller_counts([]) == []
        smaller_counts([5]) == [0]
        smaller_counts([2, 2, 1]) == [1, 1, 0]
        smaller_counts([-1, 0, -2]) == [1, 2, 0]
        """,
    ),
    fn(
        "medium",
        "returns the list of numbers from 1 to `n` inclusive that are missing from the list `nums`, in "
        "ascending order.",
        """
        def missing_numbers(nums, n):
            present = set(nums)
            return [i for i in range(1, n + 1) if i not in present]
        """,
        """
        missing_numbers([1, 2, 4], 5) == [3, 5]
        missing_numbers([], 3) == [1, 2, 3]
        missing_numbers([1, 2, 3], 3) == []
        missing_numbers([5, 3], 0) == []
        missing_numbers([2, 2, 2], 2) == [1]
        """,
    ),
    fn(
        "medium",
        "interleaves the lists `a` and `b`: a[0], b[0], a[1], b[1], ... When one list runs out, the rest of "
        "the other list follows.",
        """
        def interleave(a, b):
            out = []
            for i in range(max(len(a), len(b))):
                out += a[i : i + 1] + b[i : i + 1]
            return out
        """,
        """
        interleave([1, 2, 3], [10, 20, 30]) == [1, 10, 2, 20, 3, 30]
        interleave([], []) == []
        interleave([1], []) == [1]
        interleave([1, 2, 3], ["a"]) == [1, "a", 2, 3]
        interleave([], [7, 8]) == [7, 8]
        """,
    ),
    fn(
        "easy",
        "returns the sum of the first and the last element of `nums`. A one-element list counts that element "
        "twice; an empty list gives 0.",
        """
        def first_plus_last(nums):
            return nums[0] + nums[-1] if nums else 0
        """,
        """
        first_plus_last([1, 2, 3]) == 4
        first_plus_last([]) == 0
        first_plus_last([5]) == 10
        first_plus_last([-1, 1]) == 0
        first_plus_last([2, 100, 100, 8]) == 10
        """,
    ),
    fn(
        "medium",
        "returns the elements of the list `nums` that occur more than once, each listed once, in the order in "
        "which their second occurrence appears.",
        """
        def duplicates(nums):
            seen, out = set(), []
            for x in nums:
                if x in seen and x not in out:
                    out.append(x)
                seen.add(x)
            return out
        """,
        """
        duplicates([1, 2, 3, 2, 1]) == [2, 1]
        duplicates([]) == []
        duplicates([1, 2, 3]) == []
        duplicates([4, 4, 4, 4]) == [4]
        duplicates([5, 6, 6, 5, 7, 7]) == [6, 5, 7]
        """,
    ),
    fn(
        "medium",
        "returns the maximum sum of any non-empty run of consecutive elements of the non-empty list `nums`.",
        """
        def max_subarray_sum(nums):
            best = cur = nums[0]
            for n in nums[1:]:
                cur = max(n, cur + n)
                best = max(best, cur)
            return best
        """,
        """
        max_subarray_sum([3, -4, 5, -1, 2, -6, 1]) == 6
        max_subarray_sum([5]) == 5
        max_subarray_sum([-3, -1, -2]) == -1
        max_subarray_sum([1, 2, 3]) == 6
        max_subarray_sum([2, -1, 2]) == 3
        max_subarray_sum([0, 0]) == 0
        """,
    ),
    fn(
        "easy",
        "returns the last element of the list `items`, or None if the list is empty.",
        """
        def last_element(items):
            return items[-1] if items else None
        """,
        """
        last_element([1, 2, 3]) == 3
        last_element([]) == None
        last_element(["x"]) == "x"
        last_element([0, 0, 5]) == 5
        last_element([[1], [2]]) == [2]
        """,
    ),
    fn(
        "easy",
        "returns how many numbers in the list `nums` are negative.",
        """
        def count_negatives(nums):
            return sum(1 for n in nums if n < 0)
        """,
        """
        count_negatives([1, -2, 3, -4]) == 2
        count_negatives([]) == 0
        count_negatives([0]) == 0
        count_negatives([-1, -1, -1]) == 3
        count_negatives([5, 6]) == 0
        """,
    ),
    fn(
        "easy",
        "returns the sum of the squares of the numbers in the list `nums`.",
        """
        def sum_of_squares(nums):
            return sum(n * n for n in nums)
        """,
        """
        sum_of_squares([1, 2, 3]) == 14
        sum_of_squares([]) == 0
        sum_of_squares([-4]) == 16
        sum_of_squares([0, 0]) == 0
        sum_of_squares([10, -10]) == 200
        """,
    ),
    fn(
        "easy",
        "returns a new list with every occurrence of the value `x` removed from the list `items`.",
        """
        def remove_all(items, x):
            return [v for v in items if v != x]
        """,
        """
        remove_all([1, 2, 1, 3], 1) == [2, 3]
        remove_all([], 1) == []
        remove_all([5, 5], 5) == []
        remove_all([1, 2], 9) == [1, 2]
        remove_all(["a", "b", "a"], "a") == ["b"]
        """,
    ),
    fn(
        "easy",
        "returns True if every number in the list `nums` is greater than zero. An empty list gives True.",
        """
        def all_positive(nums):
            return all(n > 0 for n in nums)
        """,
        """
        all_positive([1, 2, 3]) == True
        all_positive([]) == True
        all_positive([0]) == False
        all_positive([5, -1, 5]) == False
        all_positive([7]) == True
        """,
    ),
    fn(
        "easy",
        "returns a copy of the list `nums` where every negative number is replaced by 0.",
        """
        def negatives_to_zero(nums):
            return [max(n, 0) for n in nums]
        """,
        """
        negatives_to_zero([1, -2, 3]) == [1, 0, 3]
        negatives_to_zero([]) == []
        negatives_to_zero([-5, -6]) == [0, 0]
        negatives_to_zero([0, 4]) == [0, 4]
        negatives_to_zero([-1]) == [0]
        """,
    ),
    fn(
        "easy",
        "returns the index of the smallest number in the non-empty list `nums` (the first one if the smallest "
        "value occurs several times).",
        """
        def index_of_min(nums):
            return nums.index(min(nums))
        """,
        """
        index_of_min([4, 2, 7]) == 1
        index_of_min([9]) == 0
        index_of_min([3, 1, 1]) == 1
        index_of_min([-1, 0, -5]) == 2
        index_of_min([2, 2, 2]) == 0
        """,
    ),
    fn(
        "easy",
        "returns the sum of the odd numbers in the list `nums`.",
        """
        def sum_odds(nums):
            return sum(n for n in nums if n % 2 != 0)
        """,
        """
        sum_odds([1, 2, 3, 4, 5]) == 9
        sum_odds([]) == 0
        sum_odds([2, 4]) == 0
        sum_odds([-3, 3, 7]) == 7
        sum_odds([11]) == 11
        """,
    ),
]
