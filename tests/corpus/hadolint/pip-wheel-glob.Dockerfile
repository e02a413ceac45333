FROM python:3.12-slim
WORKDIR /app
COPY dist/ dist/
RUN pip install --no-cache-dir dist/*.whl
USER 10001
