"""Dictionary and counting problems (call style). Dict keys are strings so values survive JSON."""

from rltf.data.embedded._define import fn

PROBLEMS = [
    fn(
        "easy",
        "returns a dictionary mapping each character of the string `s` to the number of times it appears.",
        """
        def char_counts(s):
            counts = {}
            for c in s:
                counts[c] = counts.get(c, 0) + 1
            return counts
        """,
        """
        char_counts("hello") == {"h": 1, "e": 1, "l": 2, "o": 1}
        char_counts("") == {}
        char_counts("aaa") == {"a": 3}
        char_counts("a b") == {"a": 1, " ": 1, "b": 1}
        char_counts("Aa") == {"A": 1, "a": 1}
        """,
    ),
    fn(
        "easy",
        "returns a dictionary mapping each word of the sentence `s` (separated by spaces) to how many times "
        "it occurs.",
        """
        def word_counts(s):
            counts = {}
            for w in s.split():
                counts[w] = counts.get(w, 0) + 1
            return counts
        """,
        """
        word_counts("the cat and the hat") == {"the": 2, "cat": 1, "and": 1, "hat": 1}
        word_counts("") == {}
        word_counts("one") == {"one": 1}
        word_counts("a a a") == {"a": 3}
        word_counts("Go go") == {"Go": 1, "go": 1}
        """,
    ),
    fn(
        "easy",
        "returns the sum of all values in the dictionary `d`, whose values are numbers.",
        """
        def sum_values(d):
            return sum(d.values())
        """,
        """
        sum_values({"a": 1, "b": 2}) == 3
        sum_values({}) == 0
        sum_values({"x": -5}) == -5
        sum_values({"a": 10, "b": -10, "c": 4}) == 4
        sum_values({"p": 0, "q": 0}) == 0
        """,
    ),
    fn(
        "easy",
        "returns the value stored under `key` in the dictionary `d`, or `default` if the key is missing.",
        """
        def get_or_default(d, key, default):
            return d.get(key, default)
        """,
        """
        get_or_default({"a": 1}, "a", 0) == 1
        get_or_default({"a": 1}, "b", 0) == 0
        get_or_default({}, "x", "none") == "none"
        get_or_default({"k": None}, "k", 5) == None
        get_or_default({"k": [1, 2]}, "k", []) == [1, 2]
        """,
    ),
    fn(
        "easy",
        "returns the keys of the dictionary `d` sorted in alphabetical order, as a list.",
        """
        def sorted_keys(d):
            return sorted(d)
        """,
        """
        sorted_keys({"b": 1, "a": 2, "c": 3}) == ["a", "b", "c"]
        sorted_keys({}) == []
        sorted_keys({"z": 0}) == ["z"]
        sorted_keys({"B": 1, "a": 1}) == ["B", "a"]
        sorted_keys({"apple": 1, "ant": 2}) == ["ant", "apple"]
        """,
    ),
    fn(
        "easy",
        "returns the key of the dictionary `d` with the largest value. On a tie return the key that comes "
        "first in alphabetical order. Return None for an empty dictionary.",
        """
        def key_of_max(d):
            if not d:
                return None
            return min(d, key=lambda k: (-d[k], k))
        """,
        """
        key_of_max({"a": 3, "b": 7, "c": 5}) == "b"
        key_of_max({}) == None
        key_of_max({"x": -1}) == "x"
        key_of_max({"b": 2, "a": 2}) == "a"
        key_of_max({"m": 0, "n": -3}) == "m"
        """,
    ),
    fn(
        "easy",
        "returns a new dictionary where the keys and values of `d` are swapped. All values of `d` are "
        "distinct strings.",
        """
        def invert(d):
            return {v: k for k, v in d.items()}
        """,
        """
        invert({"a": "x", "b": "y"}) == {"x": "a", "y": "b"}
        invert({}) == {}
        invert({"one": "1"}) == {"1": "one"}
        invert({"k": "k"}) == {"k": "k"}
        invert({"red": "rouge", "blue": "bleu"}) == {"rouge": "red", "bleu": "blue"}
        """,
    ),
    fn(
        "easy",
        "builds a dictionary from the list of keys `keys` and the list of values `values` of the same length, "
        "pairing them by position.",
        """
        def zip_to_dict(keys, values):
            return dict(zip(keys, values))
        """,
        """
        zip_to_dict(["a", "b"], [1, 2]) == {"a": 1, "b": 2}
        zip_to_dict([], []) == {}
        zip_to_dict(["x"], [None]) == {"x": None}
        zip_to_dict(["a", "a"], [1, 2]) == {"a": 2}
        zip_to_dict(["n", "m"], [[1], []]) == {"n": [1], "m": []}
        """,
    ),
    fn(
        "easy",
        "merges the dictionaries `a` and `b` into a new dictionary; when a key is in both, the value from "
        "`b` wins.",
        """
        def merge_dicts(a, b):
            return {**a, **b}
        """,
        """
        merge_dicts({"a": 1}, {"b": 2}) == {"a": 1, "b": 2}
        merge_dicts({}, {}) == {}
        merge_dicts({"a": 1}, {"a": 5}) == {"a": 5}
        merge_dicts({}, {"z": 0}) == {"z": 0}
        merge_dicts({"a": 1, "b": 2}, {"b": 3, "c": 4}) == {"a": 1, "b": 3, "c": 4}
        """,
    ),
    fn(
        "easy",
        "returns the number of entries in the dictionary `d` whose value is greater than `limit`.",
        """
        def count_above(d, limit):
            return sum(1 for v in d.values() if v > limit)
        """,
        """
        count_above({"a": 5, "b": 1, "c": 9}, 4) == 2
        count_above({}, 0) == 0
        count_above({"a": 4}, 4) == 0
        count_above({"a": -1, "b": -2}, -3) == 2
        count_above({"x": 10, "y": 20}, 100) == 0
        """,
    ),
    fn(
        "medium",
        "groups the words in the list `words` by their first letter: returns a dictionary mapping each first "
        "letter to the list of words starting with it, in their original order. Empty strings are skipped.",
        """
        def group_by_first_letter(words):
            groups = {}
            for w in words:
                if w:
                    groups.setdefault(w[0], []).append(w)
            return groups
        """,
        """
        group_by_first_letter(["apple", "bean", "avocado"]) == {"a": ["apple", "avocado"], "b": ["bean"]}
        group_by_first_letter([]) == {}
        group_by_first_letter(["", "x"]) == {"x": ["x"]}
        group_by_first_letter(["Bob", "bob"]) == {"B": ["Bob"], "b": ["bob"]}
        group_by_first_letter(["cat", "cow", "cat"]) == {"c": ["cat", "cow", "cat"]}
        """,
    ),
    fn(
        "medium",
        "groups the words in the list `words` by their length: returns a dictionary mapping the length "
        'written as a string (e.g. "3") to the list of words of that length, in their original order.',
        """
        def group_by_length(words):
            groups = {}
            for w in words:
                groups.setdefault(str(len(w)), []).append(w)
            return groups
        """,
        """
        group_by_length(["hi", "cat", "to", "dog"]) == {"2": ["hi", "to"], "3": ["cat", "dog"]}
        group_by_length([]) == {}
        group_by_length([""]) == {"0": [""]}
        group_by_length(["abcdefghij"]) == {"10": ["abcdefghij"]}
        group_by_length(["a", "b", "a"]) == {"1": ["a", "b", "a"]}
        """,
    ),
    fn(
        "medium",
        "takes a dictionary `scores` mapping names to numbers and returns the list of names sorted by score "
        "from highest to lowest; names with equal scores are ordered alphabetically.",
        """
        def ranking(scores):
            return sorted(scores, key=lambda name: (-scores[name], name))
        """,
        """
        ranking({"ann": 5, "bob": 9, "cid": 7}) == ["bob", "cid", "ann"]
        ranking({}) == []
        ranking({"solo": 0}) == ["solo"]
        ranking({"b": 3, "a": 3, "c": 4}) == ["c", "a", "b"]
        ranking({"x": -1, "y": -2}) == ["x", "y"]
        """,
    ),
    fn(
        "medium",
        "takes a list `pairs` of [name, amount] pairs and returns a dictionary with the total amount per name.",
        """
        def totals_by_name(pairs):
            totals = {}
            for name, amount in pairs:
                totals[name] = totals.get(name, 0) + amount
            return totals
        """,
        """
        totals_by_name([["ann", 5], ["bob", 3], ["ann", 2]]) == {"ann": 7, "bob": 3}
        totals_by_name([]) == {}
        totals_by_name([["x", 0]]) == {"x": 0}
        totals_by_name([["a", 5], ["a", -5]]) == {"a": 0}
        totals_by_name([["b", 1], ["a", 2], ["b", 3]]) == {"b": 4, "a": 2}
        """,
    ),
    fn(
        "medium",
        "returns the list of keys present in both dictionaries `a` and `b` whose values are different, "
        "sorted alphabetically.",
        """
        def changed_keys(a, b):
            return sorted(k for k in a if k in b and a[k] != b[k])
        """,
        """
        changed_keys({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "c": 0}) == ["b", "c"]
        changed_keys({}, {"a": 1}) == []
        changed_keys({"a": 1}, {"b": 1}) == []
        changed_keys({"x": "1"}, {"x": 1}) == ["x"]
        changed_keys({"k": [1]}, {"k": [1]}) == []
        """,
    ),
    fn(
        "medium",
        "returns a dictionary containing only the entries of `d` whose keys are in the list `keys`; keys "
        "missing from `d` are ignored.",
        """
        def pick(d, keys):
            return {k: d[k] for k in keys if k in d}
        """,
        """
        pick({"a": 1, "b": 2, "c": 3}, ["a", "c"]) == {"a": 1, "c": 3}
        pick({}, ["a"]) == {}
        pick({"a": 1}, []) == {}
        pick({"a": 1}, ["z"]) == {}
        pick({"a": None, "b": 0}, ["a", "b"]) == {"a": None, "b": 0}
        """,
    ),
    fn(
        "medium",
        "counts how many times each letter occurs in the string `s`, ignoring case and any character that is "
        "not a letter, and returns a dictionary from lower-case letters to counts.",
        """
        def letter_histogram(s):
            counts = {}
            for c in s.lower():
                if c.isalpha():
                    counts[c] = counts.get(c, 0) + 1
            return counts
        """,
        """
        letter_histogram("Hello!") == {"h": 1, "e": 1, "l": 2, "o": 1}
        letter_histogram("") == {}
        letter_histogram("123 !?") == {}
        letter_histogram("AaA") == {"a": 3}
        letter_histogram("a-b a") == {"a": 2, "b": 1}
        """,
    ),
    fn(
        "medium",
        "takes a dictionary `stock` from item names to quantities and a list `orders` of item names; each "
        "order removes one unit of that item if any is left. Returns the dictionary of remaining quantities.",
        """
        def fill_orders(stock, orders):
            left = dict(stock)
            for item in orders:
                if left.get(item, 0) > 0:
                    left[item] -= 1
            return left
        """,
        """
        fill_orders({"apple": 2, "pear": 1}, ["apple", "pear", "pear"]) == {"apple": 1, "pear": 0}
        fill_orders({}, ["apple"]) == {}
        fill_orders({"a": 3}, []) == {"a": 3}
        fill_orders({"a": 1}, ["a", "a", "a"]) == {"a": 0}
        fill_orders({"a": 2, "b": 2}, ["b", "c", "b"]) == {"a": 2, "b": 0}
        """,
    ),
    fn(
        "medium",
        "returns True if the two strings `a` and `b` can be matched letter by letter so that each letter of "
        "`a` always maps to the same letter of `b` and no two letters of `a` map to the same letter "
        '(for example "moon" and "deer"). Strings of different length never match.',
        """
        def same_pattern(a, b):
            if len(a) != len(b):
                return False
            forward, backward = {}, {}
            for x, y in zip(a, b):
                if forward.setdefault(x, y) != y or backward.setdefault(y, x) != x:
                    return False
            return True
        """,
        """
        same_pattern("moon", "deer") == True
        same_pattern("moon", "dear") == False
        same_pattern("", "") == True
        same_pattern("ab", "aa") == False
        same_pattern("abc", "ab") == False
        same_pattern("abca", "xyzx") == True
        """,
    ),
    fn(
        "medium",
        "takes a list `words` and returns a dictionary mapping each word to the list of positions (indexes) "
        "where it occurs.",
        """
        def word_positions(words):
            positions = {}
            for i, w in enumerate(words):
                positions.setdefault(w, []).append(i)
            return positions
        """,
        """
        word_positions(["a", "b", "a"]) == {"a": [0, 2], "b": [1]}
        word_positions([]) == {}
        word_positions(["x"]) == {"x": [0]}
        word_positions(["z", "z", "z"]) == {"z": [0, 1, 2]}
        word_positions(["b", "a"]) == {"b": [0], "a": [1]}
        """,
    ),
    fn(
        "easy",
        "returns a new dictionary with the same keys as `d` and every numeric value multiplied by `factor`.",
        """
        def scale_values(d, factor):
            return {k: v * factor for k, v in d.items()}
        """,
        """
        scale_values({"a": 1, "b": 2}, 3) == {"a": 3, "b": 6}
        scale_values({}, 5) == {}
        scale_values({"x": 4}, 0) == {"x": 0}
        scale_values({"x": -2}, -1) == {"x": 2}
        scale_values({"p": 7, "q": 0}, 1) == {"p": 7, "q": 0}
        """,
    ),
    fn(
        "medium",
        "returns the word that occurs most often in the list `words`; on a tie return the word whose first "
        "occurrence comes earliest. Return None for an empty list.",
        """
        def most_frequent_word(words):
            best = None
            for w in words:
                if best is None or words.count(w) > words.count(best):
                    best = w
            return best
        """,
        """
        most_frequent_word(["a", "b", "b", "c"]) == "b"
        most_frequent_word([]) == None
        most_frequent_word(["x"]) == "x"
        most_frequent_word(["p", "q", "q", "p"]) == "p"
        most_frequent_word(["one", "two", "two", "one", "two"]) == "two"
        """,
    ),
    fn(
        "medium",
        "takes a dictionary `d` whose values are lists and returns the list of its keys whose list is empty, "
        "sorted alphabetically.",
        """
        def empty_entries(d):
            return sorted(k for k, v in d.items() if not v)
        """,
        """
        empty_entries({"a": [], "b": [1], "c": []}) == ["a", "c"]
        empty_entries({}) == []
        empty_entries({"x": [0]}) == []
        empty_entries({"z": [], "y": []}) == ["y", "z"]
        empty_entries({"k": [None]}) == []
        """,
    ),
    fn(
        "medium",
        'takes a list of dictionaries `people`, each with a "name" (string) and an "age" (integer), and '
        "returns the names of those at least `min_age` years old, in their original order.",
        """
        def names_at_least(people, min_age):
            return [p["name"] for p in people if p["age"] >= min_age]
        """,
        """
        names_at_least([{"name": "ann", "age": 30}, {"name": "bo", "age": 12}], 18) == ["ann"]
        names_at_least([], 18) == []
        names_at_least([{"name": "cy", "age": 18}], 18) == ["cy"]
        names_at_least([{"name": "a", "age": 1}, {"name": "b", "age": 2}], 0) == ["a", "b"]
        names_at_least([{"name": "old", "age": 99}], 100) == []
        """,
    ),
    fn(
        "medium",
        "returns the number of distinct values in the dictionary `d`.",
        """
        def distinct_values(d):
            seen = []
            for v in d.values():
                if v not in seen:
                    seen.append(v)
            return len(seen)
        """,
        """
        distinct_values({"a": 1, "b": 2, "c": 1}) == 2
        distinct_values({}) == 0
        distinct_values({"a": "x"}) == 1
        distinct_values({"a": [1], "b": [1], "c": [2]}) == 2
        distinct_values({"a": 0, "b": 0, "c": 0}) == 1
        """,
    ),
    fn(
        "easy",
        "returns the number of keys in the dictionary `d`.",
        """
        def count_keys(d):
            return len(d)
        """,
        """
        count_keys({"a": 1, "b": 2}) == 2
        count_keys({}) == 0
        count_keys({"x": None}) == 1
        count_keys({"a": 1, "b": 1, "c": 1}) == 3
        count_keys({"k": {}}) == 1
        """,
    ),
    fn(
        "easy",
        "returns True if the dictionary `d` has the key `key`, otherwise False.",
        """
        def has_key(d, key):
            return key in d
        """,
        """
        has_key({"a": 1}, "a") == True
        has_key({"a": 1}, "b") == False
        has_key({}, "a") == False
        has_key({"x": None}, "x") == True
        has_key({"A": 1}, "a") == False
        """,
    ),
    fn(
        "easy",
        "returns the list of keys of the dictionary `d` whose value equals `value`, sorted alphabetically.",
        """
        def keys_with_value(d, value):
            return sorted(k for k, v in d.items() if v == value)
        """,
        """
        keys_with_value({"a": 1, "b": 2, "c": 1}, 1) == ["a", "c"]
        keys_with_value({}, 1) == []
        keys_with_value({"a": 1}, 2) == []
        keys_with_value({"z": "x", "y": "x"}, "x") == ["y", "z"]
        keys_with_value({"n": None}, None) == ["n"]
        """,
    ),
    fn(
        "easy",
        "returns a dictionary mapping each word in the list `words` to its length.",
        """
        def length_by_word(words):
            return {w: len(w) for w in words}
        """,
        """
        length_by_word(["hi", "there"]) == {"hi": 2, "there": 5}
        length_by_word([]) == {}
        length_by_word([""]) == {"": 0}
        length_by_word(["a", "a"]) == {"a": 1}
        length_by_word(["python"]) == {"python": 6}
        """,
    ),
]
