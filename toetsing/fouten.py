class ToetsingFout(Exception):
    """An error the user can fix; str() is one Dutch line, shown without traceback (exit 2)."""


class WerkplanFout(ToetsingFout): ...


class RegelFout(ToetsingFout): ...
