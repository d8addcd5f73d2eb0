"""Problems that step a small system through a sequence of events (call style)."""

from rltf.data.embedded._define import fn

PROBLEMS = [
    fn(
        "easy",
        "starts a bank balance at 0 and applies the list of integer transactions `moves` in order (positive "
        "deposits, negative withdrawals), skipping any withdrawal that would make the balance negative. "
        "Returns the final balance.",
        """
        def final_balance(moves):
            balance = 0
            for m in moves:
                if balance + m >= 0:
                    balance += m
            return balance
        """,
        """
        final_balance([100, -30, -80, 20]) == 90
        final_balance([]) == 0
        final_balance([-10]) == 0
        final_balance([50, -50]) == 0
        final_balance([5, 5, -11, -10]) == 0
        final_balance([1, 2, 3]) == 6
        """,
    ),
    fn(
        "easy",
        "moves a robot that starts at [0, 0] according to the string `commands`: 'U' adds 1 to y, 'D' "
        "subtracts 1 from y, 'R' adds 1 to x, 'L' subtracts 1 from x; other characters are ignored. Returns "
        "the final position [x, y].",
        """
        def robot_position(commands):
            x = y = 0
            for c in commands:
                if c == "U":
                    y += 1
                elif c == "D":
                    y -= 1
                elif c == "R":
                    x += 1
                elif c == "L":
                    x -= 1
            return [x, y]
        """,
        """
        robot_position("UURDL") == [0, 1]
        robot_position("") == [0, 0]
        robot_position("LLL") == [-3, 0]
        robot_position("UDUD") == [0, 0]
        robot_position("RRU?D") == [2, 0]
        """,
    ),
    fn(
        "easy",
        'simulates a counter that starts at 0 and follows the list of string commands `ops`: "inc" adds 1, '
        '"dec" subtracts 1, "reset" sets it to 0, "double" multiplies it by 2. Returns the final value.',
        """
        def run_counter(ops):
            value = 0
            for op in ops:
                if op == "inc":
                    value += 1
                elif op == "dec":
                    value -= 1
                elif op == "reset":
                    value = 0
                elif op == "double":
                    value *= 2
            return value
        """,
        """
        run_counter(["inc", "inc", "double", "dec"]) == 3
        run_counter([]) == 0
        run_counter(["dec"]) == -1
        run_counter(["inc", "reset", "inc"]) == 1
        run_counter(["inc", "double", "double", "double"]) == 8
        """,
    ),
    fn(
        "medium",
        'processes a list of stack operations `ops`, each either ["push", value] or ["pop"]. A pop on an '
        "empty stack does nothing. Returns the list of popped values in the order they were popped.",
        """
        def popped_values(ops):
            stack, popped = [], []
            for op in ops:
                if op[0] == "push":
                    stack.append(op[1])
                elif stack:
                    popped.append(stack.pop())
            return popped
        """,
        """
        popped_values([["push", 1], ["push", 2], ["pop"], ["push", 3], ["pop"], ["pop"]]) == [2, 3, 1]
        popped_values([]) == []
        popped_values([["pop"]]) == []
        popped_values([["push", 5]]) == []
        popped_values([["push", "a"], ["pop"], ["pop"]]) == ["a"]
        """,
    ),
    fn(
        "medium",
        "simulates a queue of people: `ops` is a list where a string means that person joins the back of the "
        "queue and None means the person at the front is served (if anyone is waiting). Returns the list of "
        "people still waiting, front first.",
        """
        def waiting_line(ops):
            queue = []
            for op in ops:
                if op is None:
                    if queue:
                        queue.pop(0)
                else:
                    queue.append(op)
            return queue
        """,
        """
        waiting_line(["ann", "bob", None, "cy"]) == ["bob", "cy"]
        waiting_line([]) == []
        waiting_line([None, None]) == []
        waiting_line(["a", None, None, "b"]) == ["b"]
        waiting_line(["x", "y", "z"]) == ["x", "y", "z"]
        """,
    ),
    fn(
        "medium",
        "simulates an elevator that starts on floor 0 and visits the floors in the list `stops` in order. "
        "Returns the total number of floors it travels (moving from floor 2 to floor 5 is 3 floors).",
        """
        def elevator_distance(stops):
            floor, total = 0, 0
            for s in stops:
                total += abs(s - floor)
                floor = s
            return total
        """,
        """
        elevator_distance([2, 5, 1]) == 9
        elevator_distance([]) == 0
        elevator_distance([0]) == 0
        elevator_distance([-2]) == 2
        elevator_distance([3, 3, 3]) == 3
        elevator_distance([10, 0, 10]) == 30
        """,
    ),
    fn(
        "medium",
        "simulates a water tank with capacity `capacity` that starts empty. Each number in `flows` is added "
        "to the tank in order (negative numbers drain it); the level never goes below 0 or above `capacity`. "
        "Returns the final level.",
        """
        def tank_level(capacity, flows):
            level = 0
            for f in flows:
                level = min(capacity, max(0, level + f))
            return level
        """,
        """
        tank_level(10, [4, 4, 4]) == 10
        tank_level(10, []) == 0
        tank_level(10, [-5, 3]) == 3
        tank_level(5, [5, -2, 1]) == 4
        tank_level(0, [7]) == 0
        tank_level(100, [60, 60, -30]) == 70
        """,
    ),
    fn(
        "medium",
        "simulates a traffic light that cycles green -> yellow -> red -> green. Green lasts 3 ticks, yellow "
        "1 tick and red 2 ticks, and the light starts green at tick 0. Returns the colour (as a string) at "
        "tick `t` (t >= 0).",
        """
        def light_color(t):
            phase = t % 6
            if phase < 3:
                return "green"
            return "yellow" if phase == 3 else "red"
        """,
        """
        light_color(0) == "green"
        light_color(2) == "green"
        light_color(3) == "yellow"
        light_color(4) == "red"
        light_color(5) == "red"
        light_color(6) == "green"
        light_color(100) == "red"
        """,
    ),
    fn(
        "medium",
        "returns the winner of a finished tic-tac-toe board. `board` is a list of 3 strings of 3 characters, "
        "each 'X', 'O' or '.'. Return \"X\" or \"O\" if that player has three in a row (row, column or "
        'diagonal), otherwise "draw". At most one player has a line.',
        """
        def tic_tac_toe_winner(board):
            lines = [row for row in board]
            lines += ["".join(board[r][c] for r in range(3)) for c in range(3)]
            lines.append(board[0][0] + board[1][1] + board[2][2])
            lines.append(board[0][2] + board[1][1] + board[2][0])
            for player in "XO":
                if player * 3 in lines:
                    return player
            return "draw"
        """,
        """
        tic_tac_toe_winner(["XXX", "OO.", "..."]) == "X"
        tic_tac_toe_winner(["XO.", "XO.", ".O."]) == "O"
        tic_tac_toe_winner(["X.O", ".XO", "O.X"]) == "X"
        tic_tac_toe_winner(["XOX", "XOO", "OXX"]) == "draw"
        tic_tac_toe_winner(["...", "...", "..."]) == "draw"
        tic_tac_toe_winner(["..O", ".O.", "O.."]) == "O"
        """,
    ),
    fn(
        "medium",
        "gives change for `amount` cents using as few coins as possible from the coins 25, 10, 5 and 1, and "
        "returns the list of coin counts [quarters, dimes, nickels, pennies].",
        """
        def make_change(amount):
            counts = []
            for coin in (25, 10, 5, 1):
                counts.append(amount // coin)
                amount %= coin
            return counts
        """,
        """
        make_change(67) == [2, 1, 1, 2]
        make_change(0) == [0, 0, 0, 0]
        make_change(4) == [0, 0, 0, 4]
        make_change(25) == [1, 0, 0, 0]
        make_change(99) == [3, 2, 0, 4]
        make_change(15) == [0, 1, 1, 0]
        """,
    ),
    fn(
        "medium",
        "computes one step of a row of lamps: each lamp in the list `lamps` (0 = off, 1 = on) is on in the next "
        "step exactly when exactly one of its neighbours is on now. Lamps beyond the ends count as off. "
        "Returns the next row.",
        """
        def next_lamps(lamps):
            padded = [0] + lamps + [0]
            return [1 if padded[i - 1] + padded[i + 1] == 1 else 0 for i in range(1, len(lamps) + 1)]
        """,
        """
        next_lamps([0, 1, 0]) == [1, 0, 1]
        next_lamps([]) == []
        next_lamps([1]) == [0]
        next_lamps([1, 1]) == [1, 1]
        next_lamps([1, 0, 1]) == [0, 0, 0]
        next_lamps([0, 0, 1, 0, 0]) == [0, 1, 0, 1, 0]
        """,
    ),
    fn(
        "medium",
        "simulates a car's fuel: the car starts with `fuel` litres and drives the distances in `legs` in "
        "order, using 1 litre per 10 km (a leg of 25 km uses 2.5 litres). Returns how many legs it completes "
        "before it would run out (a leg is completed only if there is enough fuel for all of it).",
        """
        def legs_completed(fuel, legs):
            done = 0
            for km in legs:
                if km / 10 > fuel:
                    break
                fuel -= km / 10
                done += 1
            return done
        """,
        """
        legs_completed(5, [20, 20, 20]) == 2
        legs_completed(0, [10]) == 0
        legs_completed(10, []) == 0
        legs_completed(3, [10, 10, 10]) == 3
        legs_completed(1, [5, 5, 5]) == 2
        legs_completed(100, [30, 2000, 10]) == 1
        """,
    ),
    fn(
        "medium",
        "plays a game where a player starts at square 0 of a board with squares 0 to `goal` and throws the "
        "dice values in `rolls` in order. Each roll moves forward that many squares, but a move that would go "
        "past `goal` is skipped. Returns the number of rolls used to land exactly on `goal`, or -1 if that "
        "never happens.",
        """
        def rolls_to_finish(goal, rolls):
            pos = 0
            for i, r in enumerate(rolls, 1):
                if pos + r <= goal:
                    pos += r
                if pos == goal:
                    return i
            return -1
        """,
        """
        rolls_to_finish(10, [6, 6, 3, 1]) == 4
        rolls_to_finish(10, [6, 6, 6]) == -1
        rolls_to_finish(5, []) == -1
        rolls_to_finish(3, [3]) == 1
        rolls_to_finish(4, [1, 5, 5, 3]) == 4
        rolls_to_finish(12, [6, 6]) == 2
        """,
    ),
    fn(
        "medium",
        "applies a list of edits `ops` to an initially empty text and returns the final text. Each op is "
        'either ["type", string] (append the string) or ["undo"] (remove the text added by the most recent '
        "type op that has not been undone yet; does nothing when there is none).",
        """
        def edit_text(ops):
            pieces = []
            for op in ops:
                if op[0] == "type":
                    pieces.append(op[1])
                elif pieces:
                    pieces.pop()
            return "".join(pieces)
        """,
        """
        edit_text([["type", "ab"], ["type", "cd"], ["undo"], ["type", "x"]]) == "abx"
        edit_text([]) == ""
        edit_text([["undo"]]) == ""
        edit_text([["type", "a"], ["undo"], ["undo"]]) == ""
        edit_text([["type", "hi "], ["type", "there"]]) == "hi there"
        """,
    ),
    fn(
        "medium",
        'simulates a parking lot with `spaces` spaces. `events` is a list of strings, "in" for an arriving '
        'car and "out" for a leaving car; an arriving car is turned away when the lot is full and "out" on an '
        "empty lot does nothing. Returns the number of cars turned away.",
        """
        def cars_turned_away(spaces, events):
            parked = turned = 0
            for e in events:
                if e == "in":
                    if parked < spaces:
                        parked += 1
                    else:
                        turned += 1
                elif parked:
                    parked -= 1
            return turned
        """,
        """
        cars_turned_away(2, ["in", "in", "in", "out", "in"]) == 1
        cars_turned_away(1, []) == 0
        cars_turned_away(0, ["in", "in"]) == 2
        cars_turned_away(3, ["out", "in"]) == 0
        cars_turned_away(1, ["in", "in", "out", "out", "in", "in"]) == 2
        """,
    ),
    fn(
        "medium",
        "simulates a ball dropped from height `h` metres that bounces back to half its previous height each "
        "time (integer division, so 5 becomes 2). Returns how many times it bounces to a height of at least 1 "
        "metre.",
        """
        def bounces(h):
            count = 0
            h //= 2
            while h >= 1:
                count += 1
                h //= 2
            return count
        """,
        """
        bounces(8) == 3
        bounces(1) == 0
        bounces(0) == 0
        bounces(2) == 1
        bounces(5) == 2
        bounces(100) == 6
        """,
    ),
    fn(
        "medium",
        "runs a tiny machine with one register that starts at 0. `program` is a list of instructions: "
        '["add", n], ["mul", n] or ["jmpz", k], where jmpz skips the next k instructions if the register '
        "is 0. Instructions run in order, once each. Returns the final register value.",
        """
        def run_register(program):
            reg, i = 0, 0
            while i < len(program):
                op, arg = program[i]
                if op == "add":
                    reg += arg
                elif op == "mul":
                    reg *= arg
                elif op == "jmpz" and reg == 0:
                    i += arg
                i += 1
            return reg
        """,
        """
        run_register([["add", 3], ["mul", 4]]) == 12
        run_register([]) == 0
        run_register([["jmpz", 1], ["add", 5], ["add", 1]]) == 1
        run_register([["add", 2], ["jmpz", 1], ["add", 5]]) == 7
        run_register([["add", -1], ["add", 1], ["jmpz", 5], ["add", 9]]) == 0
        """,
    ),
    fn(
        "medium",
        "simulates rounds of a game between two players: `rounds` is a list of pairs [a, b] of the values "
        'they roll. The higher roll scores a point, equal rolls score nothing. Returns "first", "second" '
        'or "tie" depending on who has more points at the end.',
        """
        def dice_duel(rounds):
            first = sum(1 for a, b in rounds if a > b)
            second = sum(1 for a, b in rounds if b > a)
            if first == second:
                return "tie"
            return "first" if first > second else "second"
        """,
        """
        dice_duel([[6, 2], [1, 4], [5, 3]]) == "first"
        dice_duel([]) == "tie"
        dice_duel([[3, 3]]) == "tie"
        dice_duel([[1, 2]]) == "second"
        dice_duel([[6, 1], [1, 6]]) == "tie"
        dice_duel([[2, 5], [4, 4], [1, 3]]) == "second"
        """,
    ),
    fn(
        "medium",
        "simulates a thermostat: the temperature starts at `start`; for each hour in the list `targets` the "
        "heating moves the temperature 1 degree toward that hour's target (no change if already equal). "
        "Returns the list of temperatures after each hour.",
        """
        def thermostat(start, targets):
            temps, t = [], start
            for target in targets:
                t += (target > t) - (target < t)
                temps.append(t)
            return temps
        """,
        """
        thermostat(18, [20, 20, 20]) == [19, 20, 20]
        thermostat(20, []) == []
        thermostat(20, [15, 15]) == [19, 18]
        thermostat(0, [0]) == [0]
        thermostat(5, [10, 0, 5]) == [6, 5, 5]
        """,
    ),
    fn(
        "medium",
        "counts how many squares on an 8x8 chess board a knight standing at column `x` and row `y` (both "
        "from 0 to 7) can move to in one move.",
        """
        def knight_moves(x, y):
            jumps = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
            return sum(1 for dx, dy in jumps if 0 <= x + dx < 8 and 0 <= y + dy < 8)
        """,
        """
        knight_moves(0, 0) == 2
        knight_moves(3, 3) == 8
        knight_moves(7, 7) == 2
        knight_moves(0, 3) == 4
        knight_moves(1, 1) == 4
        knight_moves(6, 0) == 3
        """,
    ),
]
