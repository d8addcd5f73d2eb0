"""Standard-input problems: the program reads stdin and prints its answer. Outputs end with a newline."""

from rltf.data.embedded._define import stdio

PROBLEMS = [
    stdio(
        "add_two_numbers",
        "easy",
        "Read two integers on one line, separated by a space, and print their sum.",
        """
        a, b = map(int, input().split())
        print(a + b)
        """,
        [("3 4", "7"), ("0 0", "0"), ("-5 5", "0"), ("-2 -3", "-5"), ("1000000 2345678", "3345678")],
    ),
    stdio(
        "greet_by_name",
        "easy",
        "Read a name on one line and print `Hello, NAME!` with the name in place of NAME.",
        """
        print(f"Hello, {input()}!")
        """,
        [
            ("Ada", "Hello, Ada!"),
            ("Bob", "Hello, Bob!"),
            ("x", "Hello, x!"),
            ("Mary Jane", "Hello, Mary Jane!"),
            ("O'Neil", "Hello, O'Neil!"),
        ],
    ),
    stdio(
        "sum_of_list",
        "easy",
        "The first line holds an integer n (n >= 0). The second line holds n integers separated by spaces "
        "(it is empty when n is 0). Print the sum of the n integers.",
        """
        n = int(input())
        nums = list(map(int, input().split())) if n else []
        print(sum(nums))
        """,
        [("3\n1 2 3", "6"), ("0\n\n", "0"), ("1\n-7", "-7"), ("4\n10 -10 5 5", "10"), ("2\n0 0", "0")],
    ),
    stdio(
        "largest_on_line",
        "easy",
        "Read one line of integers separated by spaces (at least one integer) and print the largest.",
        """
        print(max(map(int, input().split())))
        """,
        [("3 9 2", "9"), ("5", "5"), ("-4 -2 -8", "-2"), ("7 7 7", "7"), ("0 -1 100 99", "100")],
    ),
    stdio(
        "even_or_odd",
        "easy",
        "Read an integer and print `even` if it is even or `odd` if it is odd.",
        """
        print("even" if int(input()) % 2 == 0 else "odd")
        """,
        [("4", "even"), ("7", "odd"), ("0", "even"), ("-3", "odd"), ("-10", "even")],
    ),
    stdio(
        "shout_line",
        "easy",
        "Read one line of text and print it in upper case.",
        """
        print(input().upper())
        """,
        [
            ("hello", "HELLO"),
            ("Hi there!", "HI THERE!"),
            ("ABC", "ABC"),
            ("x1y2", "X1Y2"),
            ("a b c", "A B C"),
        ],
    ),
    stdio(
        "reverse_line",
        "easy",
        "Read one line of text and print its characters in reverse order.",
        """
        print(input()[::-1])
        """,
        [("hello", "olleh"), ("a", "a"), ("ab cd", "dc ba"), ("racecar", "racecar"), ("123!", "!321")],
    ),
    stdio(
        "times_table_row",
        "easy",
        "Read an integer n and print n*1, n*2, ..., n*10 on one line, separated by single spaces.",
        """
        n = int(input())
        print(" ".join(str(n * i) for i in range(1, 11)))
        """,
        [
            ("3", "3 6 9 12 15 18 21 24 27 30"),
            ("0", "0 0 0 0 0 0 0 0 0 0"),
            ("1", "1 2 3 4 5 6 7 8 9 10"),
            ("-2", "-2 -4 -6 -8 -10 -12 -14 -16 -18 -20"),
            ("11", "11 22 33 44 55 66 77 88 99 110"),
        ],
    ),
    stdio(
        "tick_tock",
        "easy",
        "Read an integer n and print one line for each number i from 1 to n: `TickTock` if i is divisible by "
        "both 4 and 6, `Tick` if only by 4, `Tock` if only by 6, and the number itself otherwise.",
        """
        n = int(input())
        for i in range(1, n + 1):
            word = ("Tick" if i % 4 == 0 else "") + ("Tock" if i % 6 == 0 else "")
            print(word or i)
        """,
        [
            ("4", "1\n2\n3\nTick"),
            ("1", "1"),
            ("6", "1\n2\n3\nTick\n5\nTock"),
            ("12", "1\n2\n3\nTick\n5\nTock\n7\nTick\n9\n10\n11\nTickTock"),
            ("3", "1\n2\n3"),
        ],
    ),
    stdio(
        "star_triangle",
        "easy",
        "Read an integer n (n >= 1) and print n lines: line i (from 1) holds i `*` characters.",
        """
        n = int(input())
        for i in range(1, n + 1):
            print("*" * i)
        """,
        [
            ("3", "*\n**\n***"),
            ("1", "*"),
            ("2", "*\n**"),
            ("5", "*\n**\n***\n****\n*****"),
            ("4", "*\n**\n***\n****"),
        ],
    ),
    stdio(
        "count_all_words",
        "easy",
        "Read all lines of the input until the end and print the total number of words (words are separated "
        "by spaces or line breaks).",
        """
        import sys
        print(len(sys.stdin.read().split()))
        """,
        [
            ("the quick brown\nfox", "4"),
            ("one", "1"),
            ("a b c\n\nd e", "5"),
            ("   \n  ", "0"),
            ("x y\nx y\nx y", "6"),
        ],
    ),
    stdio(
        "average_score",
        "easy",
        "The first line holds n (n >= 1), the second line n integer scores. Print their average with exactly "
        "two digits after the decimal point.",
        """
        n = int(input())
        scores = list(map(int, input().split()))
        print(f"{sum(scores) / n:.2f}")
        """,
        [
            ("3\n1 2 3", "2.00"),
            ("1\n7", "7.00"),
            ("2\n1 2", "1.50"),
            ("3\n1 1 2", "1.33"),
            ("4\n-1 -2 0 0", "-0.75"),
        ],
    ),
    stdio(
        "min_and_max",
        "easy",
        "Read one line of integers (at least one) and print the smallest and the largest, separated by a space.",
        """
        nums = list(map(int, input().split()))
        print(min(nums), max(nums))
        """,
        [("3 9 2", "2 9"), ("5", "5 5"), ("-4 -2 -8", "-8 -2"), ("0 0", "0 0"), ("10 -10 3", "-10 10")],
    ),
    stdio(
        "sort_line",
        "easy",
        "Read one line of integers and print them sorted in ascending order on one line, separated by spaces.",
        """
        print(" ".join(map(str, sorted(map(int, input().split())))))
        """,
        [
            ("3 1 2", "1 2 3"),
            ("5", "5"),
            ("2 2 1", "1 2 2"),
            ("-1 -10 0", "-10 -1 0"),
            ("9 8 7 6", "6 7 8 9"),
        ],
    ),
    stdio(
        "distinct_words_sorted",
        "easy",
        "Read one line of words separated by spaces and print each distinct word once, in alphabetical order, "
        "separated by single spaces.",
        """
        print(" ".join(sorted(set(input().split()))))
        """,
        [
            ("pear apple pear fig", "apple fig pear"),
            ("one", "one"),
            ("b a b a", "a b"),
            ("z y x", "x y z"),
            ("Bob bob", "Bob bob"),
        ],
    ),
    stdio(
        "vowels_per_line",
        "easy",
        "Read lines until the end of input. For each line print the number of vowels (a, e, i, o, u, any case) "
        "it contains.",
        """
        import sys
        for line in sys.stdin.read().splitlines():
            print(sum(1 for c in line.lower() if c in "aeiou"))
        """,
        [
            ("hello\nsky", "2\n0"),
            ("AEIOU", "5"),
            ("a\nb\nc", "1\n0\n0"),
            ("Programming is fun", "5"),
            ("xyz\nquiet", "0\n3"),
        ],
    ),
    stdio(
        "letter_grade",
        "easy",
        "Read an integer score from 0 to 100 and print its grade: `A` for 90 or more, `B` for 80-89, `C` for "
        "70-79, `D` for 60-69 and `F` below 60.",
        """
        s = int(input())
        print("A" if s >= 90 else "B" if s >= 80 else "C" if s >= 70 else "D" if s >= 60 else "F")
        """,
        [("95", "A"), ("90", "A"), ("89", "B"), ("70", "C"), ("65", "D"), ("59", "F"), ("0", "F")],
    ),
    stdio(
        "spell_digits",
        "easy",
        "Read a string of digits and print the English name of each digit, separated by spaces "
        "(`zero`, `one`, ..., `nine`).",
        """
        names = "zero one two three four five six seven eight nine".split()
        print(" ".join(names[int(d)] for d in input().strip()))
        """,
        [
            ("123", "one two three"),
            ("0", "zero"),
            ("909", "nine zero nine"),
            ("45", "four five"),
            ("7777", "seven seven seven seven"),
        ],
    ),
    stdio(
        "countdown",
        "easy",
        "Read an integer n (n >= 0) and print the numbers n, n-1, ..., 1 on separate lines, followed by a "
        "final line `Liftoff!`.",
        """
        n = int(input())
        for i in range(n, 0, -1):
            print(i)
        print("Liftoff!")
        """,
        [
            ("3", "3\n2\n1\nLiftoff!"),
            ("0", "Liftoff!"),
            ("1", "1\nLiftoff!"),
            ("2", "2\n1\nLiftoff!"),
            ("5", "5\n4\n3\n2\n1\nLiftoff!"),
        ],
    ),
    stdio(
        "rectangle_stats",
        "easy",
        "Read the width and height of a rectangle (two non-negative integers on one line) and print its area "
        "and its perimeter, separated by a space.",
        """
        w, h = map(int, input().split())
        print(w * h, 2 * (w + h))
        """,
        [("3 4", "12 14"), ("0 0", "0 0"), ("1 1", "1 4"), ("5 0", "0 10"), ("10 20", "200 60")],
    ),
    stdio(
        "clock_format",
        "easy",
        "Read a number of seconds (0 to 86399) and print the time of day it represents as `HH:MM:SS`, with "
        "each part written with two digits.",
        """
        s = int(input())
        print(f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}")
        """,
        [
            ("3661", "01:01:01"),
            ("0", "00:00:00"),
            ("59", "00:00:59"),
            ("86399", "23:59:59"),
            ("43200", "12:00:00"),
        ],
    ),
    stdio(
        "running_maximum",
        "easy",
        "Read one line of integers and print, on one line, the largest value seen so far at each position.",
        """
        best = None
        out = []
        for x in map(int, input().split()):
            best = x if best is None else max(best, x)
            out.append(best)
        print(*out)
        """,
        [
            ("1 3 2 5 4", "1 3 3 5 5"),
            ("7", "7"),
            ("5 4 3", "5 5 5"),
            ("-3 -1 -2", "-3 -1 -1"),
            ("2 2 2", "2 2 2"),
        ],
    ),
    stdio(
        "row_sums",
        "easy",
        "The first line holds two integers r and c. Then r lines follow, each with c integers. Print the sum "
        "of each row on its own line.",
        """
        r, c = map(int, input().split())
        for _ in range(r):
            print(sum(map(int, input().split())))
        """,
        [
            ("2 3\n1 2 3\n4 5 6", "6\n15"),
            ("1 1\n5", "5"),
            ("3 2\n1 -1\n0 0\n7 3", "0\n0\n10"),
            ("1 4\n1 1 1 1", "4"),
            ("2 1\n-5\n5", "-5\n5"),
        ],
    ),
    stdio(
        "column_sums",
        "medium",
        "The first line holds two integers r and c (both at least 1). Then r lines follow, each with c "
        "integers. Print the sum of each column, on one line, separated by spaces.",
        """
        r, c = map(int, input().split())
        sums = [0] * c
        for _ in range(r):
            for j, x in enumerate(map(int, input().split())):
                sums[j] += x
        print(*sums)
        """,
        [
            ("2 3\n1 2 3\n4 5 6", "5 7 9"),
            ("1 1\n5", "5"),
            ("3 2\n1 -1\n0 0\n7 3", "8 2"),
            ("1 4\n1 2 3 4", "1 2 3 4"),
            ("2 1\n-5\n5", "0"),
        ],
    ),
    stdio(
        "transpose_grid",
        "medium",
        "The first line holds r and c (both at least 1), then r lines of c integers each. Print the transposed "
        "grid: c lines of r integers, where line j lists column j of the input.",
        """
        r, c = map(int, input().split())
        rows = [input().split() for _ in range(r)]
        for j in range(c):
            print(" ".join(row[j] for row in rows))
        """,
        [
            ("2 3\n1 2 3\n4 5 6", "1 4\n2 5\n3 6"),
            ("1 1\n9", "9"),
            ("1 3\n7 8 9", "7\n8\n9"),
            ("3 1\n1\n2\n3", "1 2 3"),
            ("2 2\n1 2\n3 4", "1 3\n2 4"),
        ],
    ),
    stdio(
        "diagonal_sum",
        "easy",
        "The first line holds n (n >= 1), then n lines of n integers each (a square grid). Print the sum of the "
        "main diagonal (top-left to bottom-right).",
        """
        n = int(input())
        print(sum(int(input().split()[i]) for i in range(n)))
        """,
        [
            ("2\n1 2\n3 4", "5"),
            ("1\n7", "7"),
            ("3\n1 0 0\n0 1 0\n0 0 1", "3"),
            ("3\n-1 5 5\n5 -1 5\n5 5 -1", "-3"),
            ("2\n0 9\n9 0", "0"),
        ],
    ),
    stdio(
        "letter_frequencies",
        "medium",
        "Read one line of text. For each letter that occurs in it (ignoring case), in alphabetical order, print "
        "a line `letter: count` using the lower-case letter. Characters that are not letters are ignored.",
        """
        text = input().lower()
        for letter in sorted(set(c for c in text if c.isalpha())):
            print(f"{letter}: {text.count(letter)}")
        """,
        [
            ("Hello", "e: 1\nh: 1\nl: 2\no: 1"),
            ("a", "a: 1"),
            ("BbB a!", "a: 1\nb: 3"),
            ("zz yy", "y: 2\nz: 2"),
            ("Cab 123", "a: 1\nb: 1\nc: 1"),
        ],
    ),
    stdio(
        "longest_input_line",
        "easy",
        "Read lines until the end of input (at least one line) and print the longest one. If several lines are "
        "equally long, print the first of them.",
        """
        import sys
        lines = sys.stdin.read().splitlines()
        best = lines[0]
        for line in lines:
            if len(line) > len(best):
                best = line
        print(best)
        """,
        [
            ("a\nabc\nab", "abc"),
            ("only", "only"),
            ("xy\nzw", "xy"),
            ("short\nmuch longer line\nmid", "much longer line"),
            ("1\n22\n333\n4444", "4444"),
        ],
    ),
    stdio(
        "word_lengths",
        "easy",
        "Read one line of words separated by spaces and print the length of each word on one line, separated "
        "by spaces.",
        """
        print(*[len(w) for w in input().split()])
        """,
        [
            ("I love code", "1 4 4"),
            ("a", "1"),
            ("hello world", "5 5"),
            ("ab abc abcd", "2 3 4"),
            ("x yy x", "1 2 1"),
        ],
    ),
    stdio(
        "palindrome_lines",
        "easy",
        "Read lines until the end of input. For each line print `YES` if it reads the same forwards and "
        "backwards (exactly, case-sensitive) and `NO` otherwise.",
        """
        import sys
        for line in sys.stdin.read().splitlines():
            print("YES" if line == line[::-1] else "NO")
        """,
        [
            ("level\nhello", "YES\nNO"),
            ("a", "YES"),
            ("Aa", "NO"),
            ("abba\nabca\nx", "YES\nNO\nYES"),
            ("12321", "YES"),
        ],
    ),
    stdio(
        "convert_temperature",
        "medium",
        "Each input line holds a unit letter and a number, like `C 100` or `F 212`. For a `C` line print the "
        "temperature converted to Fahrenheit (F = C * 9 / 5 + 32); for an `F` line print it converted to "
        "Celsius. Print each result with exactly one digit after the decimal point.",
        """
        import sys
        for line in sys.stdin.read().splitlines():
            unit, value = line.split()
            t = float(value)
            print(f"{t * 9 / 5 + 32:.1f}" if unit == "C" else f"{(t - 32) * 5 / 9:.1f}")
        """,
        [
            ("C 100", "212.0"),
            ("F 212", "100.0"),
            ("C -40\nF -40", "-40.0\n-40.0"),
            ("C 0\nF 32", "32.0\n0.0"),
            ("C 37", "98.6"),
            ("F 50", "10.0"),
        ],
    ),
    stdio(
        "shopping_total",
        "easy",
        "The first line holds n. Each of the next n lines holds an item name, a quantity and a unit price in "
        "cents, separated by spaces. Print the total cost in cents.",
        """
        n = int(input())
        total = 0
        for _ in range(n):
            _, qty, price = input().split()
            total += int(qty) * int(price)
        print(total)
        """,
        [
            ("2\napple 3 50\nbread 1 250", "400"),
            ("0", "0"),
            ("1\npen 0 99", "0"),
            ("1\ngum 10 5", "50"),
            ("3\na 1 1\nb 2 2\nc 3 3", "14"),
        ],
    ),
    stdio(
        "bank_account",
        "medium",
        "The first line holds n. Each of the next n lines is `deposit X` or `withdraw X` with a positive "
        "integer X. The balance starts at 0. A withdrawal larger than the balance is refused: print `denied` for "
        "it and leave the balance unchanged. At the end print the final balance.",
        """
        n = int(input())
        balance = 0
        for _ in range(n):
            op, amount = input().split()
            amount = int(amount)
            if op == "deposit":
                balance += amount
            elif amount > balance:
                print("denied")
            else:
                balance -= amount
        print(balance)
        """,
        [
            ("3\ndeposit 100\nwithdraw 30\nwithdraw 80", "denied\n70"),
            ("0", "0"),
            ("1\nwithdraw 5", "denied\n0"),
            ("2\ndeposit 5\nwithdraw 5", "0"),
            ("4\ndeposit 1\nwithdraw 2\nwithdraw 3\ndeposit 10", "denied\ndenied\n11"),
        ],
    ),
    stdio(
        "stack_commands",
        "medium",
        "Process commands, one per line, until the end of input: `push X` puts integer X on a stack, `pop` "
        "removes the top element (nothing happens if the stack is empty), and `top` prints the top element, "
        "or `empty` if the stack is empty.",
        """
        import sys
        stack = []
        for line in sys.stdin.read().splitlines():
            parts = line.split()
            if parts[0] == "push":
                stack.append(parts[1])
            elif parts[0] == "pop":
                if stack:
                    stack.pop()
            else:
                print(stack[-1] if stack else "empty")
        """,
        [
            ("push 1\npush 2\ntop\npop\ntop", "2\n1"),
            ("top", "empty"),
            ("pop\ntop", "empty"),
            ("push 5\npop\npop\ntop\npush 7\ntop", "empty\n7"),
            ("push -3\ntop\ntop", "-3\n-3"),
        ],
    ),
    stdio(
        "gcd_per_line",
        "easy",
        "Each input line holds two non-negative integers (not both zero). For each line print their greatest "
        "common divisor.",
        """
        import sys
        from math import gcd
        for line in sys.stdin.read().splitlines():
            a, b = map(int, line.split())
            print(gcd(a, b))
        """,
        [("12 18", "6"), ("7 5\n0 9", "1\n9"), ("100 10", "10"), ("21 14\n9 0", "7\n9"), ("17 17", "17")],
    ),
    stdio(
        "count_primes_up_to",
        "medium",
        "Read an integer n and print how many prime numbers are less than or equal to n.",
        """
        n = int(input())
        print(sum(1 for k in range(2, n + 1) if all(k % d for d in range(2, int(k**0.5) + 1))))
        """,
        [("20", "8"), ("1", "0"), ("2", "1"), ("0", "0"), ("30", "10"), ("100", "25")],
    ),
    stdio(
        "binary_per_line",
        "easy",
        "Each input line holds a non-negative integer. For each line print the number in binary, without any "
        "prefix.",
        """
        import sys
        for line in sys.stdin.read().split():
            print(bin(int(line))[2:])
        """,
        [("5", "101"), ("0\n1", "0\n1"), ("8\n255", "1000\n11111111"), ("2", "10"), ("6\n7", "110\n111")],
    ),
    stdio(
        "caesar_decode",
        "medium",
        "The first line holds a shift k (0 to 25); the second line holds a message whose lower-case letters were "
        "each shifted forward k places in the alphabet (wrapping from z to a). Print the original message; "
        "characters other than lower-case letters are unchanged.",
        """
        k = int(input())
        text = input()
        print("".join(chr((ord(c) - 97 - k) % 26 + 97) if "a" <= c <= "z" else c for c in text))
        """,
        [
            ("1\nifmmp", "hello"),
            ("0\nabc", "abc"),
            ("3\nabc", "xyz"),
            ("2\nc-d E!", "a-b E!"),
            ("25\nzab", "abc"),
        ],
    ),
    stdio(
        "text_histogram",
        "easy",
        "Read one line of non-negative integers and, for each of them, print a line with that many `#` "
        "characters. For 0 print a line with a single `.` instead.",
        """
        for x in map(int, input().split()):
            print("#" * x if x else ".")
        """,
        [("3 1 2", "###\n#\n##"), ("0", "."), ("5", "#####"), ("1 0 1", "#\n.\n#"), ("2 2", "##\n##")],
    ),
    stdio(
        "pair_with_sum",
        "medium",
        "The first line holds a target integer; the second line a list of integers. Print the positions i and "
        "j (0-based, i < j) of the first pair whose values add up to the target, where pairs are ordered by j "
        "and then by i. Print `none` if there is no such pair.",
        """
        target = int(input())
        nums = list(map(int, input().split()))
        answer = "none"
        for j in range(len(nums)):
            hit = [i for i in range(j) if nums[i] + nums[j] == target]
            if hit:
                answer = f"{hit[0]} {j}"
                break
        print(answer)
        """,
        [
            ("10\n4 8 6 2", "0 2"),
            ("8\n4 4", "0 1"),
            ("5\n1 2", "none"),
            ("0\n5", "none"),
            ("10\n1 9 5 5", "0 1"),
            ("8\n1 5 3 7", "1 2"),
        ],
    ),
    stdio(
        "second_smallest_value",
        "easy",
        "Read one line of integers and print the second smallest distinct value, or `none` if there are fewer "
        "than two distinct values.",
        """
        values = sorted(set(map(int, input().split())))
        print(values[1] if len(values) > 1 else "none")
        """,
        [("4 1 7 3", "3"), ("5 5 5", "none"), ("2 9", "9"), ("8", "none"), ("-1 -5 -3 -5", "-3")],
    ),
    stdio(
        "leap_years_between",
        "medium",
        "Read two years a and b (a <= b) on one line and print how many leap years lie between them, both "
        "included. A year is a leap year if it is divisible by 4, except years divisible by 100 that are not "
        "divisible by 400.",
        """
        a, b = map(int, input().split())
        print(sum(1 for y in range(a, b + 1) if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)))
        """,
        [
            ("2000 2004", "2"),
            ("2001 2003", "0"),
            ("1900 1900", "0"),
            ("2000 2000", "1"),
            ("1896 1912", "4"),
            ("1 100", "24"),
        ],
    ),
    stdio(
        "digit_tally",
        "medium",
        "Read a string of digits and print ten numbers on one line: how many times each digit 0, 1, ..., 9 "
        "appears in it.",
        """
        s = input().strip()
        print(*[s.count(str(d)) for d in range(10)])
        """,
        [
            ("1122", "0 2 2 0 0 0 0 0 0 0"),
            ("0", "1 0 0 0 0 0 0 0 0 0"),
            ("9876543210", "1 1 1 1 1 1 1 1 1 1"),
            ("555", "0 0 0 0 0 3 0 0 0 0"),
            ("90909", "2 0 0 0 0 0 0 0 0 3"),
        ],
    ),
    stdio(
        "grid_routes",
        "medium",
        "Read two integers r and c (both >= 1), the size of a grid. Print the number of different paths from the "
        "top-left cell to the bottom-right cell that only move right or down.",
        """
        r, c = map(int, input().split())
        row = [1] * c
        for _ in range(r - 1):
            for j in range(1, c):
                row[j] += row[j - 1]
        print(row[-1])
        """,
        [("2 2", "2"), ("1 1", "1"), ("1 5", "1"), ("3 3", "6"), ("4 6", "56"), ("5 5", "70")],
    ),
    stdio(
        "stair_climbing_ways",
        "medium",
        "Read n (n >= 0), the number of steps of a staircase. You climb either 1 or 2 steps at a time. Print "
        "the number of different ways to reach the top (for n = 0 there is exactly one way: do nothing).",
        """
        n = int(input())
        a, b = 1, 1
        for _ in range(n):
            a, b = b, a + b
        print(a)
        """,
        [("4", "5"), ("0", "1"), ("1", "1"), ("6", "13"), ("5", "8"), ("10", "89")],
    ),
    stdio(
        "expand_runs",
        "medium",
        "Read an encoded string made of pairs of a letter followed by a positive count, like `a3b1c2`, and print "
        "the expanded string (here `aaabcc`). Counts may have several digits.",
        """
        s = input().strip()
        out, i = [], 0
        while i < len(s):
            letter = s[i]
            j = i + 1
            while j < len(s) and s[j].isdigit():
                j += 1
            out.append(letter * int(s[i + 1 : j]))
            i = j
        print("".join(out))
        """,
        [("a3b1c2", "aaabcc"), ("x1", "x"), ("z12", "zzzzzzzzzzzz"), ("a1b1a1", "aba"), ("q2w3", "qqwww")],
    ),
    stdio(
        "paren_depth",
        "medium",
        "Read one line of text and print the deepest nesting level of round parentheses in it: `(a(b))` has "
        "depth 2 and text without parentheses has depth 0. The parentheses are always balanced.",
        """
        depth = best = 0
        for c in input():
            if c == "(":
                depth += 1
                best = max(best, depth)
            elif c == ")":
                depth -= 1
        print(best)
        """,
        [("(a(b))", "2"), ("abc", "0"), ("()()", "1"), ("((()))", "3"), ("(()(()))x", "3")],
    ),
    stdio(
        "anagram_pairs",
        "easy",
        "Each input line holds two words separated by a space. For each line print `YES` if the words are "
        "anagrams of each other (same letters, same counts, case-sensitive) and `NO` otherwise.",
        """
        import sys
        for line in sys.stdin.read().splitlines():
            a, b = line.split()
            print("YES" if sorted(a) == sorted(b) else "NO")
        """,
        [
            ("night thing", "YES"),
            ("abc abd", "NO"),
            ("a a\nab ba", "YES\nYES"),
            ("Ab ba", "NO"),
            ("aab abb\nrat tar", "NO\nYES"),
        ],
    ),
    stdio(
        "line_calculator",
        "medium",
        "Each input line holds an expression `A op B` with integers A and B and op one of `+`, `-`, `*`, `/`, "
        "separated by spaces. Print each result on its own line; `/` is integer division rounded down, and "
        "division by zero prints `error`.",
        """
        import sys
        for line in sys.stdin.read().splitlines():
            a, op, b = line.split()
            a, b = int(a), int(b)
            if op == "+":
                print(a + b)
            elif op == "-":
                print(a - b)
            elif op == "*":
                print(a * b)
            else:
                print(a // b if b else "error")
        """,
        [
            ("3 + 4", "7"),
            ("10 - 20\n6 * 7", "-10\n42"),
            ("7 / 2", "3"),
            ("1 / 0", "error"),
            ("-7 / 2", "-4"),
            ("0 * 5\n9 / 3", "0\n3"),
        ],
    ),
    stdio(
        "sign_counts",
        "easy",
        "Read one line of integers and print three numbers separated by spaces: how many are positive, how "
        "many are negative, and how many are zero.",
        """
        nums = list(map(int, input().split()))
        print(sum(x > 0 for x in nums), sum(x < 0 for x in nums), sum(x == 0 for x in nums))
        """,
        [
            ("1 -2 0 3", "2 1 1"),
            ("0", "0 0 1"),
            ("-1 -1", "0 2 0"),
            ("5 6 7", "3 0 0"),
            ("0 0 -3 4", "1 1 2"),
        ],
    ),
    stdio(
        "nth_word",
        "easy",
        "The first line holds an integer n (n >= 1), the second line a sentence. Print the n-th word of the "
        "sentence (counting from 1), or `none` if it has fewer than n words.",
        """
        n = int(input())
        words = input().split()
        print(words[n - 1] if n <= len(words) else "none")
        """,
        [
            ("2\nthe quick fox", "quick"),
            ("1\nhello", "hello"),
            ("4\na b c", "none"),
            ("3\na b c", "c"),
            ("1\n  spaced   out ", "spaced"),
        ],
    ),
    stdio(
        "ticket_price",
        "easy",
        "Read a person's age and print the ticket price: children under 4 pay 0, children from 4 to 12 pay 5, "
        "people from 13 to 64 pay 12, and people 65 or older pay 7.",
        """
        age = int(input())
        print(0 if age < 4 else 5 if age <= 12 else 12 if age <= 64 else 7)
        """,
        [("3", "0"), ("4", "5"), ("12", "5"), ("13", "12"), ("64", "12"), ("65", "7"), ("0", "0")],
    ),
    stdio(
        "fewest_coins",
        "medium",
        "Read a non-negative amount and print the smallest number of coins that make it up exactly, using "
        "coins worth 1, 2, 5 and 10.",
        """
        amount = int(input())
        count = 0
        for coin in (10, 5, 2, 1):
            count += amount // coin
            amount %= coin
        print(count)
        """,
        [("18", "4"), ("0", "0"), ("1", "1"), ("10", "1"), ("9", "3"), ("47", "6")],
    ),
    stdio(
        "minutes_between",
        "medium",
        "Read two times of day on one line, `HH:MM HH:MM` (24-hour clock). Print how many minutes pass from the "
        "first time to the second; if the second time is earlier, it is on the next day.",
        """
        def minutes(t):
            h, m = t.split(":")
            return int(h) * 60 + int(m)
        a, b = input().split()
        print((minutes(b) - minutes(a)) % 1440)
        """,
        [
            ("09:00 10:30", "90"),
            ("23:00 01:00", "120"),
            ("12:00 12:00", "0"),
            ("00:00 23:59", "1439"),
            ("18:45 18:44", "1439"),
        ],
    ),
    stdio(
        "tallest_person",
        "easy",
        "The first line holds n (n >= 1). Each of the next n lines holds a name and a height in centimetres. "
        "Print the name of the tallest person; on a tie, the one listed first.",
        """
        n = int(input())
        best_name, best_height = None, -1
        for _ in range(n):
            name, height = input().split()
            if int(height) > best_height:
                best_name, best_height = name, int(height)
        print(best_name)
        """,
        [
            ("3\nann 160\nbob 182\ncy 175", "bob"),
            ("1\nsolo 100", "solo"),
            ("2\nx 170\ny 170", "x"),
            ("3\na 150\nb 149\nc 151", "c"),
            ("2\nlow 1\nhigh 300", "high"),
        ],
    ),
    stdio(
        "rotate_picture",
        "medium",
        "The first line holds r and c. Then r lines of c characters each form a picture. Print the picture "
        "rotated 90 degrees clockwise: c lines of r characters.",
        """
        r, c = map(int, input().split())
        rows = [input() for _ in range(r)]
        for j in range(c):
            print("".join(rows[i][j] for i in range(r - 1, -1, -1)))
        """,
        [
            ("2 3\nabc\ndef", "da\neb\nfc"),
            ("1 1\nx", "x"),
            ("1 3\nabc", "a\nb\nc"),
            ("3 1\na\nb\nc", "cba"),
            ("2 2\n#.\n..", ".#\n.."),
            ("3 2\n12\n34\n56", "531\n642"),
        ],
    ),
    stdio(
        "wrap_text",
        "medium",
        "The first line holds a width w; the second line a sentence whose words are each at most w characters "
        "long. Print the words wrapped into lines: put as many words on a line as fit in w characters (words "
        "on a line are separated by single spaces), then start a new line.",
        """
        w = int(input())
        line = ""
        for word in input().split():
            if line and len(line) + 1 + len(word) > w:
                print(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        print(line)
        """,
        [
            ("10\nthe quick brown fox jumps", "the quick\nbrown fox\njumps"),
            ("5\nhello", "hello"),
            ("3\na b c d", "a b\nc d"),
            ("1\na b", "a\nb"),
            ("20\none two three", "one two three"),
            ("7\nabc defg hi j", "abc\ndefg hi\nj"),
        ],
    ),
    stdio(
        "election_winner",
        "medium",
        "Read one line of votes, each vote a candidate name, separated by spaces. Print the name with the most "
        "votes, or `tie` if two or more candidates share the highest count.",
        """
        votes = input().split()
        counts = {v: votes.count(v) for v in votes}
        top = max(counts.values())
        leaders = [v for v in counts if counts[v] == top]
        print(leaders[0] if len(leaders) == 1 else "tie")
        """,
        [
            ("ann bob ann", "ann"),
            ("x", "x"),
            ("a b", "tie"),
            ("cy bob bob cy cy", "cy"),
            ("p q p q r", "tie"),
        ],
    ),
    stdio(
        "hot_days",
        "easy",
        "The first line holds a threshold t; the second line the daily temperatures (integers). Print how many "
        "days were strictly hotter than t.",
        """
        t = int(input())
        print(sum(1 for x in map(int, input().split()) if x > t))
        """,
        [
            ("25\n20 26 30 25", "2"),
            ("0\n-1 -2", "0"),
            ("-5\n-4 -5 -6", "1"),
            ("10\n10", "0"),
            ("15\n16 17 18", "3"),
        ],
    ),
    stdio(
        "pascal_row",
        "medium",
        "Read n (n >= 0) and print row n of Pascal's triangle (row 0 is `1`, row 1 is `1 1`, row 2 is `1 2 1`) "
        "on one line, separated by spaces.",
        """
        n = int(input())
        row = [1]
        for _ in range(n):
            row = [a + b for a, b in zip([0] + row, row + [0])]
        print(*row)
        """,
        [("2", "1 2 1"), ("0", "1"), ("1", "1 1"), ("4", "1 4 6 4 1"), ("6", "1 6 15 20 15 6 1")],
    ),
    stdio(
        "drop_repeated_lines",
        "easy",
        "Read lines until the end of input and print them in order, skipping any line that already appeared "
        "earlier.",
        """
        import sys
        seen = set()
        for line in sys.stdin.read().splitlines():
            if line not in seen:
                seen.add(line)
                print(line)
        """,
        [
            ("a\nb\na\nc", "a\nb\nc"),
            ("x", "x"),
            ("same\nsame\nsame", "same"),
            ("1\n2\n3", "1\n2\n3"),
            ("b\na\nb\na", "b\na"),
        ],
    ),
    stdio(
        "alternating_sums",
        "easy",
        "Read one line of integers. Print two numbers separated by a space: the sum of the numbers at even "
        "positions (1st, 3rd, 5th, ...) and the sum of those at odd positions (2nd, 4th, ...).",
        """
        nums = list(map(int, input().split()))
        print(sum(nums[::2]), sum(nums[1::2]))
        """,
        [("1 2 3 4 5", "9 6"), ("7", "7 0"), ("1 1", "1 1"), ("-1 5 -1 5", "-2 10"), ("0 0 0", "0 0")],
    ),
    stdio(
        "multiply_two_numbers",
        "easy",
        "Read two integers on one line, separated by a space, and print their product.",
        """
        a, b = map(int, input().split())
        print(a * b)
        """,
        [("3 4", "12"), ("0 9", "0"), ("-2 5", "-10"), ("-3 -3", "9"), ("1 77", "77")],
    ),
    stdio(
        "square_of_input",
        "easy",
        "Read one integer and print its square.",
        """
        n = int(input())
        print(n * n)
        """,
        [("5", "25"), ("0", "0"), ("-3", "9"), ("1", "1"), ("100", "10000")],
    ),
    stdio(
        "sum_one_to_n",
        "easy",
        "Read an integer n (n >= 0) and print the sum 1 + 2 + ... + n (0 when n is 0).",
        """
        n = int(input())
        print(n * (n + 1) // 2)
        """,
        [("4", "10"), ("0", "0"), ("1", "1"), ("10", "55"), ("99", "4950")],
    ),
    stdio(
        "line_length",
        "easy",
        "Read one line of text and print how many characters it has (spaces count).",
        """
        print(len(input()))
        """,
        [("hello", "5"), ("a b", "3"), ("x", "1"), ("two words", "9"), ("1234567890", "10")],
    ),
    stdio(
        "words_on_lines",
        "easy",
        "Read one line of words separated by spaces and print each word on its own line.",
        """
        for word in input().split():
            print(word)
        """,
        [
            ("one two three", "one\ntwo\nthree"),
            ("solo", "solo"),
            ("a  b", "a\nb"),
            ("x y", "x\ny"),
            ("hi there", "hi\nthere"),
        ],
    ),
    stdio(
        "absolute_value",
        "easy",
        "Read one integer and print its absolute value.",
        """
        print(abs(int(input())))
        """,
        [("-5", "5"), ("5", "5"), ("0", "0"), ("-100", "100"), ("42", "42")],
    ),
    stdio(
        "quotient_and_remainder",
        "easy",
        "Read two integers a and b (b > 0) on one line and print the integer quotient a // b and the remainder "
        "a % b, separated by a space (Python's rounding-down division).",
        """
        a, b = map(int, input().split())
        print(a // b, a % b)
        """,
        [("17 5", "3 2"), ("0 3", "0 0"), ("10 10", "1 0"), ("4 7", "0 4"), ("-7 2", "-4 1")],
    ),
    stdio(
        "repeat_word",
        "easy",
        "The first line holds a word, the second line an integer n (n >= 1). Print the word n times on one "
        "line, separated by single spaces.",
        """
        word = input()
        n = int(input())
        print(" ".join([word] * n))
        """,
        [
            ("hi\n3", "hi hi hi"),
            ("x\n1", "x"),
            ("go\n2", "go go"),
            ("a\n5", "a a a a a"),
            ("ok\n4", "ok ok ok ok"),
        ],
    ),
]
