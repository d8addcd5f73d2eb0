"""String problems (call style)."""

from rltf.data.embedded._define import fn

PROBLEMS = [
    fn(
        "easy",
        "returns the string `s` reversed.",
        """
        def reverse_string(s):
            return s[::-1]
        """,
        """
        reverse_string("hello") == "olleh"
        reverse_string("") == ""
        reverse_string("a") == "a"
        reverse_string("ab cd") == "dc ba"
        reverse_string("racecar") == "racecar"
        reverse_string("123!") == "!321"
        """,
    ),
    fn(
        "easy",
        "returns how many vowels (a, e, i, o, u, upper or lower case) the string `s` contains.",
        """
        def count_vowels(s):
            return sum(1 for c in s.lower() if c in "aeiou")
        """,
        """
        count_vowels("hello world") == 3
        count_vowels("") == 0
        count_vowels("rhythm") == 0
        count_vowels("AEIOU") == 5
        count_vowels("Programming") == 3
        count_vowels("a") == 1
        """,
    ),
    fn(
        "easy",
        "returns True if the string `s` reads the same forwards and backwards, otherwise False. "
        "Compare characters exactly (case matters).",
        """
        def is_palindrome(s):
            return s == s[::-1]
        """,
        """
        is_palindrome("level") == True
        is_palindrome("hello") == False
        is_palindrome("") == True
        is_palindrome("a") == True
        is_palindrome("Aa") == False
        is_palindrome("abba") == True
        """,
    ),
    fn(
        "easy",
        "returns the number of times the character `ch` appears in the string `s`.",
        """
        def count_char(s, ch):
            return s.count(ch)
        """,
        """
        count_char("banana", "a") == 3
        count_char("banana", "z") == 0
        count_char("", "a") == 0
        count_char("aaaa", "a") == 4
        count_char("Apple", "a") == 0
        count_char("mississippi", "s") == 4
        """,
    ),
    fn(
        "easy",
        "returns the number of words in the string `s`. Words are separated by one or more spaces.",
        """
        def count_words(s):
            return len(s.split())
        """,
        """
        count_words("the quick brown fox") == 4
        count_words("") == 0
        count_words("   ") == 0
        count_words("hello") == 1
        count_words("  two   words  ") == 2
        count_words("a b c d e") == 5
        """,
    ),
    fn(
        "easy",
        "returns the string `s` with every letter converted to upper case.",
        """
        def shout(s):
            return s.upper()
        """,
        """
        shout("hello") == "HELLO"
        shout("") == ""
        shout("Hi there!") == "HI THERE!"
        shout("ABC") == "ABC"
        shout("x1y2") == "X1Y2"
        """,
    ),
    fn(
        "easy",
        "returns the first character of the string `s`, or an empty string if `s` is empty.",
        """
        def first_char(s):
            return s[:1]
        """,
        """
        first_char("python") == "p"
        first_char("") == ""
        first_char("Z") == "Z"
        first_char(" space") == " "
        first_char("42") == "4"
        """,
    ),
    fn(
        "easy",
        "returns the string `s` repeated `n` times. If `n` is 0 or negative, return an empty string.",
        """
        def repeat_string(s, n):
            return s * max(n, 0)
        """,
        """
        repeat_string("ab", 3) == "ababab"
        repeat_string("x", 0) == ""
        repeat_string("x", -2) == ""
        repeat_string("", 5) == ""
        repeat_string("hi ", 2) == "hi hi "
        repeat_string("z", 1) == "z"
        """,
    ),
    fn(
        "easy",
        "returns the words of the sentence `s` in reverse order, joined by single spaces.",
        """
        def reverse_words(s):
            return " ".join(reversed(s.split()))
        """,
        """
        reverse_words("one two three") == "three two one"
        reverse_words("") == ""
        reverse_words("single") == "single"
        reverse_words("  hello   world ") == "world hello"
        reverse_words("a b a") == "a b a"
        """,
    ),
    fn(
        "easy",
        "returns the string `s` with all space characters removed.",
        """
        def remove_spaces(s):
            return s.replace(" ", "")
        """,
        """
        remove_spaces("a b c") == "abc"
        remove_spaces("") == ""
        remove_spaces("   ") == ""
        remove_spaces("nospace") == "nospace"
        remove_spaces(" lead and trail ") == "leadandtrail"
        """,
    ),
    fn(
        "easy",
        "returns True if the string `s` contains at least one digit character (0-9), otherwise False.",
        """
        def has_digit(s):
            return any(c.isdigit() for c in s)
        """,
        """
        has_digit("abc1") == True
        has_digit("abc") == False
        has_digit("") == False
        has_digit("2024") == True
        has_digit("one two") == False
        has_digit("x-9") == True
        """,
    ),
    fn(
        "easy",
        "returns the longest word in the sentence `s` (words are separated by spaces). If several words "
        "share the longest length, return the first of them. Return an empty string when there are no words.",
        """
        def longest_word(s):
            best = ""
            for w in s.split():
                if len(w) > len(best):
                    best = w
            return best
        """,
        """
        longest_word("I love programming") == "programming"
        longest_word("") == ""
        longest_word("cat dog") == "cat"
        longest_word("a bb ccc dd") == "ccc"
        longest_word("word") == "word"
        longest_word("hi there you") == "there"
        """,
    ),
    fn(
        "easy",
        "returns the string `s` with its first letter in upper case and the rest unchanged. "
        "An empty string stays empty.",
        """
        def capitalize_first(s):
            return s[:1].upper() + s[1:]
        """,
        """
        capitalize_first("hello") == "Hello"
        capitalize_first("") == ""
        capitalize_first("a") == "A"
        capitalize_first("hELLO") == "HELLO"
        capitalize_first("1abc") == "1abc"
        """,
    ),
    fn(
        "easy",
        "returns the number of upper-case letters in the string `s`.",
        """
        def count_upper(s):
            return sum(1 for c in s if c.isupper())
        """,
        """
        count_upper("Hello World") == 2
        count_upper("") == 0
        count_upper("abc") == 0
        count_upper("ABC") == 3
        count_upper("iPhone XS") == 3
        """,
    ),
    fn(
        "easy",
        "returns True if the string `s` starts with the string `prefix`, otherwise False.",
        """
        def starts_with(s, prefix):
            return s.startswith(prefix)
        """,
        """
        starts_with("python", "py") == True
        starts_with("python", "on") == False
        starts_with("abc", "") == True
        starts_with("", "a") == False
        starts_with("same", "same") == True
        starts_with("Py", "py") == False
        """,
    ),
    fn(
        "easy",
        "returns the string made of the characters of `s` at even positions (index 0, 2, 4, ...).",
        """
        def even_chars(s):
            return s[::2]
        """,
        """
        even_chars("abcdef") == "ace"
        even_chars("") == ""
        even_chars("x") == "x"
        even_chars("ab") == "a"
        even_chars("0123456") == "0246"
        """,
    ),
    fn(
        "easy",
        "returns a copy of the string `s` where every upper-case letter becomes lower case and every "
        "lower-case letter becomes upper case.",
        """
        def swap_case(s):
            return s.swapcase()
        """,
        """
        swap_case("Good Day") == "gOOD dAY"
        swap_case("") == ""
        swap_case("ABC def") == "abc DEF"
        swap_case("123") == "123"
        swap_case("pYtHoN") == "PyThOn"
        """,
    ),
    fn(
        "easy",
        "returns the last `n` characters of the string `s`. If `n` is larger than the length of `s`, "
        "return all of `s`; if `n` is 0, return an empty string.",
        """
        def last_n_chars(s, n):
            return s[len(s) - n:] if n < len(s) else s
        """,
        """
        last_n_chars("abcdef", 2) == "ef"
        last_n_chars("abc", 0) == ""
        last_n_chars("abc", 10) == "abc"
        last_n_chars("", 3) == ""
        last_n_chars("hello", 5) == "hello"
        last_n_chars("hello", 1) == "o"
        """,
    ),
    fn(
        "easy",
        "returns True if the two strings `a` and `b` contain exactly the same letters the same number of "
        "times (they are anagrams), ignoring case. Other characters count as they are.",
        """
        def is_anagram(a, b):
            return sorted(a.lower()) == sorted(b.lower())
        """,
        """
        is_anagram("night", "thing") == True
        is_anagram("apple", "paple") == True
        is_anagram("abc", "abd") == False
        is_anagram("", "") == True
        is_anagram("Dusty", "study") == True
        is_anagram("aab", "abb") == False
        """,
    ),
    fn(
        "easy",
        "returns the string `s` with every occurrence of the character `old` replaced by the character `new`.",
        """
        def replace_char(s, old, new):
            return s.replace(old, new)
        """,
        """
        replace_char("hello", "l", "L") == "heLLo"
        replace_char("", "a", "b") == ""
        replace_char("abc", "z", "y") == "abc"
        replace_char("aaa", "a", "b") == "bbb"
        replace_char("a-b-c", "-", " ") == "a b c"
        """,
    ),
    fn(
        "medium",
        "compresses the string `s` by replacing each run of the same character with the character followed "
        'by the length of the run, e.g. "aaab" becomes "a3b1". An empty string stays empty.',
        """
        def run_length_encode(s):
            out = []
            i = 0
            while i < len(s):
                j = i
                while j < len(s) and s[j] == s[i]:
                    j += 1
                out.append(s[i] + str(j - i))
                i = j
            return "".join(out)
        """,
        """
        run_length_encode("aaabcc") == "a3b1c2"
        run_length_encode("") == ""
        run_length_encode("x") == "x1"
        run_length_encode("abab") == "a1b1a1b1"
        run_length_encode("zzzzzzzzzzzz") == "z12"
        run_length_encode("aAa") == "a1A1a1"
        """,
    ),
    fn(
        "medium",
        "returns the first character of the string `s` that appears exactly once in `s`, or an empty string "
        "if every character repeats.",
        """
        def first_unique_char(s):
            for c in s:
                if s.count(c) == 1:
                    return c
            return ""
        """,
        """
        first_unique_char("swiss") == "w"
        first_unique_char("aabb") == ""
        first_unique_char("") == ""
        first_unique_char("z") == "z"
        first_unique_char("abcab") == "c"
        first_unique_char("xxyzz") == "y"
        """,
    ),
    fn(
        "medium",
        "returns True if the sentence `s` uses every letter of the English alphabet at least once, "
        "ignoring case, otherwise False.",
        """
        def uses_all_letters(s):
            return set("abcdefghijklmnopqrstuvwxyz") <= set(s.lower())
        """,
        """
        uses_all_letters("Sphinx of black quartz, judge my vow") == True
        uses_all_letters("hello world") == False
        uses_all_letters("") == False
        uses_all_letters("abcdefghijklmnopqrstuvwxyz") == True
        uses_all_letters("ABCDEFGHIJKLMNOPQRSTUVWXY") == False
        uses_all_letters("Pack my box with five dozen liquor jugs!") == True
        """,
    ),
    fn(
        "medium",
        "shifts every lower-case letter of the string `s` forward by `k` places in the alphabet, wrapping "
        "from z back to a. Other characters stay unchanged. `k` is between 0 and 25.",
        """
        def shift_letters(s, k):
            out = []
            for c in s:
                if "a" <= c <= "z":
                    c = chr((ord(c) - ord("a") + k) % 26 + ord("a"))
                out.append(c)
            return "".join(out)
        """,
        """
        shift_letters("abc", 1) == "bcd"
        shift_letters("xyz", 3) == "abc"
        shift_letters("", 5) == ""
        shift_letters("hello world", 0) == "hello world"
        shift_letters("a-b C", 2) == "c-d C"
        shift_letters("zoo", 25) == "ynn"
        """,
    ),
    fn(
        "medium",
        "converts a snake_case name `s` (lower-case words joined by underscores) to camelCase: the first "
        "word stays lower case and each following word starts with an upper-case letter.",
        """
        def snake_to_camel(s):
            words = s.split("_")
            return words[0] + "".join(w[:1].upper() + w[1:] for w in words[1:])
        """,
        """
        snake_to_camel("hello_world") == "helloWorld"
        snake_to_camel("one") == "one"
        snake_to_camel("") == ""
        snake_to_camel("get_user_name") == "getUserName"
        snake_to_camel("a_b_c") == "aBC"
        """,
    ),
    fn(
        "medium",
        "converts a camelCase name `s` to snake_case: every upper-case letter becomes an underscore "
        "followed by the same letter in lower case.",
        """
        def camel_to_snake(s):
            return "".join("_" + c.lower() if c.isupper() else c for c in s)
        """,
        """
        camel_to_snake("helloWorld") == "hello_world"
        camel_to_snake("one") == "one"
        camel_to_snake("") == ""
        camel_to_snake("getUserName") == "get_user_name"
        camel_to_snake("aBC") == "a_b_c"
        """,
    ),
    fn(
        "easy",
        "returns True if every character of the string `s` is a digit (0-9) and `s` is not empty, "
        "otherwise False.",
        """
        def all_digits(s):
            return s != "" and all(c in "0123456789" for c in s)
        """,
        """
        all_digits("12345") == True
        all_digits("") == False
        all_digits("12a45") == False
        all_digits("0") == True
        all_digits("-5") == False
        all_digits("3.14") == False
        """,
    ),
    fn(
        "medium",
        "returns the most frequent character of the string `s`. When several characters are equally "
        "frequent, return the one that appears first in `s`. Return an empty string for an empty `s`.",
        """
        def most_common_char(s):
            best = ""
            for c in s:
                if best == "" or s.count(c) > s.count(best):
                    best = c
            return best
        """,
        """
        most_common_char("banana") == "a"
        most_common_char("") == ""
        most_common_char("abc") == "a"
        most_common_char("abbccc") == "c"
        most_common_char("xyyx") == "x"
        most_common_char("  a") == " "
        """,
    ),
    fn(
        "easy",
        "returns the string `s` with its vowels (a, e, i, o, u in either case) removed.",
        """
        def drop_vowels(s):
            return "".join(c for c in s if c.lower() not in "aeiou")
        """,
        """
        drop_vowels("hello world") == "hll wrld"
        drop_vowels("") == ""
        drop_vowels("AEIOUaeiou") == ""
        drop_vowels("rhythm") == "rhythm"
        drop_vowels("Education") == "dctn"
        """,
    ),
    fn(
        "easy",
        "returns the initials of the full name `name`: the first letter of each word, in upper case, "
        "joined together without spaces.",
        """
        def initials(name):
            return "".join(w[0].upper() for w in name.split())
        """,
        """
        initials("ada lovelace") == "AL"
        initials("") == ""
        initials("Grace") == "G"
        initials("john ronald reuel tolkien") == "JRRT"
        initials("  alan   turing ") == "AT"
        """,
    ),
    fn(
        "medium",
        "returns True if the brackets in the string `s` are balanced. Only the characters ( ) [ ] { } "
        "matter; every other character is ignored.",
        """
        def brackets_balanced(s):
            pairs = {")": "(", "]": "[", "}": "{"}
            stack = []
            for c in s:
                if c in "([{":
                    stack.append(c)
                elif c in pairs:
                    if not stack or stack.pop() != pairs[c]:
                        return False
            return not stack
        """,
        """
        brackets_balanced("(a[b]{c})") == True
        brackets_balanced("") == True
        brackets_balanced("{]") == False
        brackets_balanced("((") == False
        brackets_balanced(")(") == False
        brackets_balanced("f(x) = [1, {2}]") == True
        brackets_balanced("[(])") == False
        """,
    ),
    fn(
        "easy",
        "returns the string `s` padded on the left with the character `fill` until it is `width` "
        "characters long. Strings already at least `width` long are returned unchanged.",
        """
        def pad_left(s, width, fill):
            return fill * max(width - len(s), 0) + s
        """,
        """
        pad_left("7", 3, "0") == "007"
        pad_left("abc", 2, "*") == "abc"
        pad_left("", 4, "-") == "----"
        pad_left("hi", 2, " ") == "hi"
        pad_left("x", 0, "0") == "x"
        """,
    ),
    fn(
        "medium",
        "returns the length of the longest run of the same character repeated consecutively in `s` "
        "(0 for an empty string).",
        """
        def longest_run(s):
            best = run = 0
            for i, c in enumerate(s):
                run = run + 1 if i > 0 and s[i - 1] == c else 1
                best = max(best, run)
            return best
        """,
        """
        longest_run("aabbbcc") == 3
        longest_run("") == 0
        longest_run("a") == 1
        longest_run("abc") == 1
        longest_run("zzzzaz") == 4
        longest_run("abccccc") == 5
        """,
    ),
    fn(
        "medium",
        "returns True if the string `t` can be formed by deleting some characters of `s` without changing "
        "the order of the remaining ones (that is, `t` is a subsequence of `s`).",
        """
        def is_subsequence(t, s):
            it = iter(s)
            return all(c in it for c in t)
        """,
        """
        is_subsequence("pen", "pigeon") == True
        is_subsequence("nep", "pigeon") == False
        is_subsequence("", "abc") == True
        is_subsequence("a", "") == False
        is_subsequence("abc", "abc") == True
        is_subsequence("aa", "ab") == False
        """,
    ),
    fn(
        "easy",
        "returns the middle character of the string `s` if its length is odd, or the middle two characters "
        "if its length is even. An empty string gives an empty string.",
        """
        def middle(s):
            n = len(s)
            return s[(n - 1) // 2 : n // 2 + 1]
        """,
        """
        middle("abc") == "b"
        middle("abcd") == "bc"
        middle("") == ""
        middle("x") == "x"
        middle("middle") == "dd"
        middle("testing") == "t"
        """,
    ),
    fn(
        "medium",
        "returns the title form of the sentence `s`: every word has its first letter in upper case and the "
        "rest in lower case, and words are joined by single spaces.",
        """
        def title_case(s):
            return " ".join(w[:1].upper() + w[1:].lower() for w in s.split())
        """,
        """
        title_case("hello world") == "Hello World"
        title_case("") == ""
        title_case("pYTHON") == "Python"
        title_case("  the  old   man ") == "The Old Man"
        title_case("a b") == "A B"
        """,
    ),
    fn(
        "medium",
        "returns True if the string `s` is a palindrome when only its letters and digits are kept and case "
        "is ignored.",
        """
        def is_loose_palindrome(s):
            kept = [c.lower() for c in s if c.isalnum()]
            return kept == kept[::-1]
        """,
        """
        is_loose_palindrome("Never odd or even") == True
        is_loose_palindrome("Step on no pets!") == True
        is_loose_palindrome("hello") == False
        is_loose_palindrome("") == True
        is_loose_palindrome("a1b2") == False
        is_loose_palindrome("12 3 21") == True
        """,
    ),
    fn(
        "easy",
        "returns the number of times the substring `part` occurs in `s`, counting overlapping occurrences. "
        "`part` is never empty.",
        """
        def count_overlapping(s, part):
            return sum(1 for i in range(len(s) - len(part) + 1) if s[i : i + len(part)] == part)
        """,
        """
        count_overlapping("xxxxx", "xx") == 4
        count_overlapping("abcabc", "abc") == 2
        count_overlapping("", "q") == 0
        count_overlapping("abc", "abcd") == 0
        count_overlapping("banana", "ana") == 2
        """,
    ),
    fn(
        "medium",
        "censors the sentence `s`: every word that appears in the list `banned` (exact match) is replaced "
        "by as many '*' characters as it has letters. Words are separated by single spaces.",
        """
        def censor(s, banned):
            return " ".join("*" * len(w) if w in banned else w for w in s.split(" "))
        """,
        """
        censor("this is bad", ["bad"]) == "this is ***"
        censor("no bad words here", []) == "no bad words here"
        censor("", ["x"]) == ""
        censor("darn darn it", ["darn", "it"]) == "**** **** **"
        censor("Bad bad", ["bad"]) == "Bad ***"
        """,
    ),
    fn(
        "medium",
        "returns the string `s` with consecutive duplicate characters collapsed into one, e.g. "
        '"aabccc" becomes "abc".',
        """
        def collapse_repeats(s):
            return "".join(c for i, c in enumerate(s) if i == 0 or s[i - 1] != c)
        """,
        """
        collapse_repeats("aabccc") == "abc"
        collapse_repeats("") == ""
        collapse_repeats("abc") == "abc"
        collapse_repeats("aaaa") == "a"
        collapse_repeats("abba") == "aba"
        collapse_repeats("  x  ") == " x "
        """,
    ),
    fn(
        "easy",
        "returns the number of characters in the string `s`.",
        """
        def string_length(s):
            return len(s)
        """,
        """
        string_length("hello") == 5
        string_length("") == 0
        string_length(" ") == 1
        string_length("a b c") == 5
        string_length("12345678901") == 11
        """,
    ),
    fn(
        "easy",
        "returns the last character of the string `s`, or an empty string if `s` is empty.",
        """
        def last_char(s):
            return s[-1:]
        """,
        """
        last_char("python") == "n"
        last_char("") == ""
        last_char("Z") == "Z"
        last_char("end.") == "."
        last_char("ab ") == " "
        """,
    ),
    fn(
        "easy",
        "returns the first word of the sentence `s` (words are separated by spaces), or an empty string if "
        "there is none.",
        """
        def first_word(s):
            words = s.split()
            return words[0] if words else ""
        """,
        """
        first_word("hello big world") == "hello"
        first_word("") == ""
        first_word("   ") == ""
        first_word("single") == "single"
        first_word("  padded text") == "padded"
        """,
    ),
    fn(
        "easy",
        "returns the words in the list `words` joined into one string with a dash between neighbours.",
        """
        def join_with_dash(words):
            return "-".join(words)
        """,
        """
        join_with_dash(["a", "b", "c"]) == "a-b-c"
        join_with_dash([]) == ""
        join_with_dash(["solo"]) == "solo"
        join_with_dash(["well", "known"]) == "well-known"
        join_with_dash(["", ""]) == "-"
        """,
    ),
    fn(
        "easy",
        'returns a string in which every character of `s` appears twice in a row, e.g. "ab" becomes "aabb".',
        """
        def double_letters(s):
            return "".join(c * 2 for c in s)
        """,
        """
        double_letters("ab") == "aabb"
        double_letters("") == ""
        double_letters("x") == "xx"
        double_letters("a b") == "aa  bb"
        double_letters("121") == "112211"
        """,
    ),
    fn(
        "easy",
        "returns True if the string `part` occurs somewhere inside the string `s`, otherwise False.",
        """
        def contains_text(s, part):
            return part in s
        """,
        """
        contains_text("hello world", "lo w") == True
        contains_text("hello", "hey") == False
        contains_text("abc", "") == True
        contains_text("", "a") == False
        contains_text("Case", "case") == False
        """,
    ),
    fn(
        "easy",
        "returns the number of space characters in the string `s`.",
        """
        def count_spaces(s):
            return s.count(" ")
        """,
        """
        count_spaces("a b c") == 2
        count_spaces("") == 0
        count_spaces("nospace") == 0
        count_spaces("   ") == 3
        count_spaces(" x  y ") == 4
        """,
    ),
    fn(
        "easy",
        "returns the two strings `a` and `b` joined with a single space between them.",
        """
        def join_two(a, b):
            return a + " " + b
        """,
        """
        join_two("hello", "world") == "hello world"
        join_two("", "") == " "
        join_two("a", "") == "a "
        join_two("", "b") == " b"
        join_two("New", "York") == "New York"
        """,
    ),
]
