FROM python:3.12-slim
USER 10001
ENTRYPOINT ["python"]
ENTRYPOINT ["python3"]
