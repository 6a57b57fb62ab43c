from django_tasks import task

from . import board


@task()
def send_board_digests() -> int:
    return board.send_digests()
