FROM python:3.12-slim
RUN pip install --no-cache-dir git+https://github.com/example/lib.git@v1.2.3
USER 10001
