FROM python:3.12-slim
ONBUILD RUN pip install flask
ONBUILD COPY . /app
USER 10001
