FROM python:3.12-slim
RUN pip freeze > /requirements.lock && pip --version
USER 10001
